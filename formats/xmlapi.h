/* xmlapi.h - libxml2 for the XML readers, loaded on first use (private).
 *
 * The tools do not link libxml2: with the ICU and C++ runtimes it brings,
 * it added 1 ms to every start (covconv --version: 2.0 against 0.7 ms),
 * half of a small conversion, though only Cobertura input needs it. The
 * library loaded is the one compiled against: its soname comes from the
 * build (COVKIT_XML_SONAME); the environment variable COVKIT_LIBXML2 names
 * another (a path or a soname). */
#ifndef XMLAPI_H
#define XMLAPI_H

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include <stddef.h>

/* The functions the reader calls, each a field of the same name. */
#define XMLAPI_FUNCS(F)                                                        \
    F(xmlInitParser)                                                           \
    F(xmlReaderForMemory)                                                      \
    F(xmlTextReaderSetStructuredErrorHandler)                                  \
    F(xmlTextReaderRead)                                                       \
    F(xmlFreeTextReader)                                                       \
    F(xmlTextReaderNodeType)                                                   \
    F(xmlTextReaderDepth)                                                      \
    F(xmlTextReaderIsEmptyElement)                                             \
    F(xmlTextReaderConstLocalName)                                             \
    F(xmlTextReaderConstValue)                                                 \
    F(xmlTextReaderGetAttribute)                                               \
    F(xmlTextReaderMoveToFirstAttribute)                                       \
    F(xmlTextReaderMoveToNextAttribute)                                        \
    F(xmlTextReaderMoveToElement)                                              \
    F(xmlTextReaderCurrentNode)                                                \
    F(xmlTextReaderGetParserLineNumber)                                        \
    F(xmlGetLineNo)

typedef struct xml_api {
#define XMLAPI_FIELD(name) __typeof__(name) *name;
    XMLAPI_FUNCS(XMLAPI_FIELD)
#undef XMLAPI_FIELD
    xmlFreeFunc *xmlFree; /* libxml2's variable: frees what it returns */
} xml_api;

/* libxml2, loaded and initialised once (any thread may ask); NULL when it
 * cannot be loaded, with the loader's message in WHY. */
const xml_api *xml_api_get(char *why, size_t n);

#endif
