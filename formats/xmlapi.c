/* xmlapi.c - load libxml2 when the first Cobertura file is read. */
#include "xmlapi.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef COVKIT_XML_SONAME
#define COVKIT_XML_SONAME "libxml2.so.2"
#endif

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static xml_api xml;
static const xml_api *xml_ok;
static char xml_why[256];

/* A symbol's address as a function pointer (POSIX: dlsym's result may be
 * converted so). */
static void *xml_sym(void *h, const char *name, int *missing)
{
    void *p = dlsym(h, name);
    if (!p && !*missing) {
        *missing = 1;
        snprintf(xml_why, sizeof xml_why, "%s has no %s", COVKIT_XML_SONAME,
                 name);
    }
    return p;
}

static void xml_load(void)
{
    const char *name = getenv("COVKIT_LIBXML2");
    void *h = dlopen(name && *name ? name : COVKIT_XML_SONAME,
                     RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(xml_why, sizeof xml_why, "%s", e ? e : COVKIT_XML_SONAME);
        return;
    }
    int missing = 0;
#define XMLAPI_LOAD(name)                                                      \
    *(void **)&xml.name = xml_sym(h, #name, &missing);
    XMLAPI_FUNCS(XMLAPI_LOAD)
#undef XMLAPI_LOAD
    xml.xmlFree = xml_sym(h, "xmlFree", &missing);
    if (missing)
        return; /* stays loaded: dlclose is not worth a race */
    xml.xmlInitParser();
    xml_ok = &xml;
}

const xml_api *xml_api_get(char *why, size_t n)
{
    pthread_once(&xml_once, xml_load);
    if (!xml_ok)
        snprintf(why, n, "%s", xml_why);
    return xml_ok;
}
