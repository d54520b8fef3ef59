/* Force-included (-include) in every C file of the CPython built by packaging/deb/oldroot.sh.
 * Debian 11's glibc 2.31 gives exp, exp2, log, log2 and pow new symbol versions (GLIBC_2.29:
 * the same functions without the old SVID error-handling wrapper); a binary linked against them
 * would not load on glibc 2.28 (统信 UOS V20, Debian 10). The older versions are still in every
 * glibc, so the references are pinned to them. packaging/deb/build.sh checks what is left. */
#ifndef ZPB_GLIBC_COMPAT_H
#define ZPB_GLIBC_COMPAT_H
#if defined(__x86_64__) && defined(__linux__)
__asm__(".symver exp,exp@GLIBC_2.2.5");
__asm__(".symver exp2,exp2@GLIBC_2.2.5");
__asm__(".symver log,log@GLIBC_2.2.5");
__asm__(".symver log2,log2@GLIBC_2.2.5");
__asm__(".symver pow,pow@GLIBC_2.2.5");
#endif
#endif
