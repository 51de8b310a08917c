/* calc.h - the functions of covkit's C review fixture. */
#ifndef CALC_H
#define CALC_H

int power(int base, int exp);
int clamp(int value, int low, int high);
int add(int a, int b);
const char *sign(int n);
int twice(int n);
const char *describe(int number);
int area(int width, int height);
int absolute(int n);
int larger(int a, int b);

#endif
