#ifndef DEPECHE_CINOTIFYTOOLS_SHIM_H
#define DEPECHE_CINOTIFYTOOLS_SHIM_H
#include <inotifytools/inotifytools.h>
#include <inotifytools/inotify.h>
#endif
