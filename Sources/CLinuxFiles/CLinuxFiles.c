#define _GNU_SOURCE
#include "CLinuxFiles.h"
#include <fcntl.h>
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/openat2.h>

int depeche_open_beneath(int dirfd, const char *path, int flags, unsigned int mode) {
    struct open_how how;
    memset(&how, 0, sizeof how);
    how.flags = (unsigned long long)(flags | O_CLOEXEC | O_NOFOLLOW);
    how.mode = (flags & O_CREAT) ? mode : 0;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS;
    return (int)syscall(SYS_openat2, dirfd, path, &how, sizeof how);
}

int depeche_rename_noreplace(int olddirfd, const char *oldpath, int newdirfd, const char *newpath) {
    return renameat2(olddirfd, oldpath, newdirfd, newpath, RENAME_NOREPLACE);
}

int depeche_open_path_beneath(int dirfd, const char *path) {
    return depeche_open_beneath(dirfd, path, O_PATH, 0);
}

int depeche_open_directory_beneath(int dirfd, const char *path) {
    return depeche_open_beneath(dirfd, path, O_PATH | O_DIRECTORY, 0);
}

int depeche_set_mmap_threshold(int bytes) {
    return mallopt(M_MMAP_THRESHOLD, bytes);
}

int depeche_set_arena_max(int count) {
    return mallopt(M_ARENA_MAX, count);
}

int depeche_trim_heap(void) {
    return malloc_trim(0);
}

static void ignore_lease_breaks(void) {
    signal(SIGIO, SIG_IGN);
}

int depeche_is_open_for_writing(int fd) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, ignore_lease_breaks);
    if (fcntl(fd, F_SETLEASE, F_RDLCK) == 0) {
        fcntl(fd, F_SETLEASE, F_UNLCK);
        return 0;
    }
    return errno == EAGAIN ? 1 : -1;
}
