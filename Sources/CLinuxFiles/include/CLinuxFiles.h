#ifndef DEPECHE_CLINUXFILES_H
#define DEPECHE_CLINUXFILES_H

/// Opens `path` relative to `dirfd` and refuses to leave that directory or follow any
/// symbolic link on the way (openat2 with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS; where openat2
/// cannot run, `depeche_open_beneath_walking`). Returns the descriptor, or -1 with errno set:
/// ELOOP for a link, EXDEV for a path that leaves `dirfd`.
int depeche_open_beneath(int dirfd, const char *path, int flags, unsigned int mode);

/// Whether openat2 runs here: 0 on kernels before Linux 5.6 and under a seccomp filter that
/// refuses it (ENOSYS or EPERM), 1 otherwise. Asked once; `depeche_open_beneath` walks the
/// path instead when it is 0.
int depeche_openat2_available(void);

/// `depeche_open_beneath` without openat2: the path is walked one directory at a time with
/// openat(O_PATH | O_NOFOLLOW), each examined through its descriptor (a link: ELOOP; not a
/// directory: ENOTDIR), and the last component opened with O_NOFOLLOW beneath the last
/// directory. Stricter than RESOLVE_BENEATH in one way: every ".." is refused (EXDEV), even
/// one that would stay beneath `dirfd`.
int depeche_open_beneath_walking(int dirfd, const char *path, int flags, unsigned int mode);

/// Renames like renameat2(..., RENAME_NOREPLACE): fails with EEXIST instead of replacing.
int depeche_rename_noreplace(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);

/// Opens a descriptor that only names `path` (O_PATH | O_NOFOLLOW | O_CLOEXEC), beneath `dirfd`.
int depeche_open_path_beneath(int dirfd, const char *path);

/// Opens a descriptor that only names the directory `path` (O_PATH | O_DIRECTORY), beneath `dirfd`.
int depeche_open_directory_beneath(int dirfd, const char *path);

/// Makes glibc's malloc serve every block of `bytes` or more with its own mapping, unmapped
/// when freed (mallopt M_MMAP_THRESHOLD, which also stops glibc from raising that threshold
/// and the trim threshold after each large free). Returns 1 on success, 0 otherwise.
int depeche_set_mmap_threshold(int bytes);

/// mallopt(M_ARENA_MAX, count): at most `count` heaps for all threads.
int depeche_set_arena_max(int count);

/// Gives the heap's free memory back to the system, from its top and, page by page, from its
/// middle (malloc_trim(0)). Returns 1 when some was given back, 0 otherwise.
int depeche_trim_heap(void);

/// Whether any process has the file of `fd` (a descriptor opened read-only) open for writing:
/// 1 yes, 0 no, -1 when the kernel will not say (errno: EACCES for a file of another owner
/// without CAP_LEASE, EINVAL where the file system has no leases). It asks by taking a read
/// lease (F_SETLEASE), which the kernel refuses while the file has a writer, and gives it back
/// at once; a writer that opens the file in between waits that long. The lease's break signal,
/// SIGIO, is ignored from the first call on (its default action ends the process).
int depeche_is_open_for_writing(int fd);

#endif
