#ifndef DEPECHE_CLMDB_SHIM_H
#define DEPECHE_CLMDB_SHIM_H
#include <lmdb.h>
#endif
