#define _GNU_SOURCE
#include "CLinuxFiles.h"
#include <fcntl.h>
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/openat2.h>

/// Whether this kernel (and the sandbox around the process) lets `openat2` run: it answers
/// ENOSYS before Linux 5.6, and a seccomp filter that does not know it answers ENOSYS or EPERM.
/// Asked once, by opening "/" as a path.
static int openat2_works = -1;

static void probe_openat2(void) {
    struct open_how how;
    memset(&how, 0, sizeof how);
    how.flags = O_PATH | O_CLOEXEC;
    int fd = (int)syscall(SYS_openat2, AT_FDCWD, "/", &how, sizeof how);
    if (fd >= 0) close(fd);
    openat2_works = fd >= 0 || (errno != ENOSYS && errno != EPERM);
}

int depeche_openat2_available(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, probe_openat2);
    return openat2_works;
}

int depeche_open_beneath(int dirfd, const char *path, int flags, unsigned int mode) {
    if (!depeche_openat2_available()) return depeche_open_beneath_walking(dirfd, path, flags, mode);
    struct open_how how;
    memset(&how, 0, sizeof how);
    how.flags = (unsigned long long)(flags | O_CLOEXEC | O_NOFOLLOW);
    how.mode = (flags & O_CREAT) ? mode : 0;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS;
    // openat2(2): with RESOLVE_BENEATH a ".." fails with EAGAIN when a rename anywhere on the
    // system raced the lookup (the kernel cannot tell it stayed beneath); it says to retry.
    int fd = -1;
    for (int attempt = 0; attempt < 64; attempt++) {
        fd = (int)syscall(SYS_openat2, dirfd, path, &how, sizeof how);
        if (fd >= 0 || errno != EAGAIN) break;
    }
    return fd;
}

/// Opens the directory `name` (one component) beneath `dirfd` as a path, or fails: ELOOP when it
/// is a symbolic link, ENOTDIR when it is something else. The descriptor is examined, not the
/// name, so a link swapped in after the check is not followed either.
static int open_step(int dirfd, const char *name) {
    int fd = openat(dirfd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return -1;
    struct stat info;
    int error = fstat(fd, &info) != 0 ? errno : S_ISLNK(info.st_mode) ? ELOOP : S_ISDIR(info.st_mode) ? 0 : ENOTDIR;
    if (error == 0) return fd;
    close(fd);
    errno = error;
    return -1;
}

int depeche_open_beneath_walking(int dirfd, const char *path, int flags, unsigned int mode) {
    if (path[0] == '/' || path[0] == '\0') {
        errno = path[0] == '/' ? EXDEV : ENOENT;
        return -1;
    }
    char component[NAME_MAX + 1];
    int current = dirfd;
    const char *rest = path;
    for (;;) {
        const char *slash = strchr(rest, '/');
        if (slash == NULL) break;
        size_t length = (size_t)(slash - rest);
        const char *next = slash + 1;
        if (length == 0 || (length == 1 && rest[0] == '.')) {
            rest = next;
            continue;
        }
        int error = length > NAME_MAX ? ENAMETOOLONG : (length == 2 && rest[0] == '.' && rest[1] == '.') ? EXDEV : 0;
        int fd = -1;
        if (error == 0) {
            memcpy(component, rest, length);
            component[length] = '\0';
            fd = open_step(current, component);
            if (fd < 0) error = errno;
        }
        if (current != dirfd) close(current);
        if (error != 0) {
            errno = error;
            return -1;
        }
        current = fd;
        rest = next;
    }
    const char *last = *rest == '\0' ? "." : rest;
    int fd = -1;
    if (strcmp(last, "..") == 0) {
        errno = EXDEV;
    } else {
        fd = openat(current, last, flags | O_CLOEXEC | O_NOFOLLOW, (flags & O_CREAT) ? mode : 0);
    }
    int error = errno;
    if (current != dirfd) close(current);
    errno = error;
    return fd;
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
