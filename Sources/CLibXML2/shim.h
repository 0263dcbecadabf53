#ifndef DEPECHE_CLIBXML2_SHIM_H
#define DEPECHE_CLIBXML2_SHIM_H
/*
 * Debian builds libxml2 with ICU, so <libxml/encoding.h> includes the system's
 * <unicode/ucnv.h>, whose enums clash with the ICU copy Foundation bundles (_FoundationICU):
 * any Swift file importing both fails to compile. Undefining LIBXML_ICU_ENABLED skips that
 * include; the only other effect is that xmlCharEncodingHandler's two trailing ICU pointers
 * are not declared, which is harmless because depeche only ever holds that struct by
 * pointer and never reads its fields.
 */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#endif
