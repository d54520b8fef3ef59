/* zpb: included into PyInstaller's bootloader/src/main.c for the Windows bundle built under Wine
 * (packaging/wine/bootloader.sh), and called first in wmain/wWinMain.
 *
 * Wine hands a program a standard handle on a Unix regular file (`wine 自评表.exe >log.txt`,
 * 2>err.txt, <in.txt) on which GetFileInformationByHandle fails with ERROR_INVALID_HANDLE (Wine 8
 * cannot name a file it did not open: NtQueryInformationFile(FileAllInformation) fails). CPython's
 * start-up runs it on every standard stream (FileIO's fstat) and takes that error for a closed
 * stream: "Failed to start embedded python interpreter!", before any of the program runs. Pipes,
 * the console and NUL are not files and pass; so does every file handle on Windows itself.
 *
 * Such a handle is put behind a pipe before Python is loaded: a thread copies between the pipe and
 * the original handle (output to it, input from it), the standard handle and the C runtime's
 * descriptor (ucrtbase, which Python uses and which read the handles at process start) become the
 * pipe's end, and at exit what is still in the pipe is written out before the process ends. */
#include <windows.h>
#include <stdint.h>
#include <stdlib.h>

typedef int(__cdecl *zpb_open_osfhandle_fn)(intptr_t, int);
typedef int(__cdecl *zpb_dup2_fn)(int, int);
typedef int(__cdecl *zpb_close_fn)(int);
typedef int(__cdecl *zpb_atexit_fn)(void(__cdecl *)(void));

struct zpb_relay {
    HANDLE from, to;
    int input;
    volatile LONG pending; /* bytes read from the pipe and not yet written */
};
static struct zpb_relay zpb_relays[3];
static HANDLE zpb_threads[3];

static DWORD WINAPI
zpb_relay_thread(LPVOID arg)
{
    struct zpb_relay *r = (struct zpb_relay *)arg;
    char buf[8192];
    DWORD got, put;
    for (;;) {
        if (!ReadFile(r->from, buf, sizeof buf, &got, NULL) || got == 0) {
            break;
        }
        InterlockedExchange(&r->pending, (LONG)got);
        DWORD done = 0;
        while (done < got && WriteFile(r->to, buf + done, got - done, &put, NULL) && put > 0) {
            done += put;
        }
        InterlockedExchange(&r->pending, 0);
    }
    if (r->input) {
        CloseHandle(r->to); /* the program reads end of file */
    }
    return 0;
}

/* at exit (either C runtime's): let the relays write out what is still in their pipes */
static void __cdecl
zpb_drain_relays(void)
{
    int fd;
    for (fd = 1; fd < 3; fd++) {
        DWORD waited = 0, available = 0;
        if (zpb_threads[fd] == NULL) {
            continue;
        }
        while (waited < 5000 && ((PeekNamedPipe(zpb_relays[fd].from, NULL, 0, NULL, &available, NULL)
                                  && available > 0) || zpb_relays[fd].pending != 0)) {
            Sleep(2);
            waited += 2;
        }
    }
}

static int
zpb_needs_relay(HANDLE h)
{
    BY_HANDLE_FILE_INFORMATION info;
    if (h == NULL || h == INVALID_HANDLE_VALUE || GetFileType(h) != FILE_TYPE_DISK) {
        return 0;
    }
    return !GetFileInformationByHandle(h, &info) && GetLastError() == ERROR_INVALID_HANDLE;
}

static void
zpb_relay_unnamed_std_handles(void)
{
    static const DWORD ids[3] = {STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE};
    HMODULE ucrt = NULL;
    zpb_open_osfhandle_fn open_osfhandle = NULL;
    zpb_dup2_fn dup2 = NULL;
    zpb_close_fn close = NULL;
    int fd, relayed = 0;
    for (fd = 0; fd < 3; fd++) {
        HANDLE h = GetStdHandle(ids[fd]), original, read_end, write_end, ours;
        SECURITY_ATTRIBUTES inherit = {sizeof(SECURITY_ATTRIBUTES), NULL, TRUE};
        if (!zpb_needs_relay(h)) {
            continue;
        }
        if (ucrt == NULL) {
            ucrt = LoadLibraryW(L"ucrtbase.dll");
            if (ucrt != NULL) {
                open_osfhandle = (zpb_open_osfhandle_fn)GetProcAddress(ucrt, "_open_osfhandle");
                dup2 = (zpb_dup2_fn)GetProcAddress(ucrt, "_dup2");
                close = (zpb_close_fn)GetProcAddress(ucrt, "_close");
            }
        }
        /* the relay keeps its own handle on the file: _dup2 closes the descriptor's one */
        if (!DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &original, 0, FALSE,
                             DUPLICATE_SAME_ACCESS)) {
            continue;
        }
        if (!CreatePipe(&read_end, &write_end, &inherit, 1 << 16)) {
            CloseHandle(original);
            continue;
        }
        ours = fd == 0 ? write_end : read_end; /* the relay's end, not inherited by children */
        SetHandleInformation(ours, HANDLE_FLAG_INHERIT, 0);
        zpb_relays[fd].input = fd == 0;
        zpb_relays[fd].from = fd == 0 ? original : read_end;
        zpb_relays[fd].to = fd == 0 ? write_end : original;
        zpb_threads[fd] = CreateThread(NULL, 0, zpb_relay_thread, &zpb_relays[fd], 0, NULL);
        if (zpb_threads[fd] == NULL) {
            continue;
        }
        SetStdHandle(ids[fd], fd == 0 ? read_end : write_end);
        if (open_osfhandle != NULL && dup2 != NULL && close != NULL) {
            HANDLE copy;
            if (DuplicateHandle(GetCurrentProcess(), fd == 0 ? read_end : write_end, GetCurrentProcess(),
                                &copy, 0, TRUE, DUPLICATE_SAME_ACCESS)) {
                int other = open_osfhandle((intptr_t)copy, fd == 0 ? 0x0000 : 0x0001 /* _O_RDONLY/_O_WRONLY */);
                if (other >= 0) {
                    dup2(other, fd);
                    close(other);
                }
            }
        }
        relayed = 1;
    }
    if (relayed) {
        zpb_atexit_fn crt_atexit = ucrt ? (zpb_atexit_fn)GetProcAddress(ucrt, "_crt_atexit") : NULL;
        if (crt_atexit != NULL) {
            crt_atexit(zpb_drain_relays); /* Python's exit() */
        }
        atexit(zpb_drain_relays); /* the bootloader returning from main */
    }
}
