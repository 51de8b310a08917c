/* calc.h - the functions of covkit's C review fixture. */
#ifndef CALC_H
#define CALC_H

int add(int a, int b);
const char *sign(int n);
int clamp(int value, int low, int high);
const char *describe(int number);
int area(int width, int height);
int absolute(int n);
int larger(int a, int b);

#endif
