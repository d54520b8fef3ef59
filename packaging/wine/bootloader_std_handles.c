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
 * pipe's end, and at exit the process closes its ends of the output pipes and waits for each relay
 * to have written out all that was in them (it reads to the pipe's end) before the process ends. */
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
};
static struct zpb_relay zpb_relays[3];
static HANDLE zpb_threads[3];
static HANDLE zpb_program_ends[3]; /* the pipe's end the program writes to (its standard handle) */
static zpb_close_fn zpb_crt_close;
static int zpb_crt_fd_relayed[3]; /* the C runtime's descriptor is the program's end too */
static const DWORD zpb_std_ids[3] = {STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE};

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
        DWORD done = 0;
        while (done < got && WriteFile(r->to, buf + done, got - done, &put, NULL) && put > 0) {
            done += put;
        }
    }
    if (r->input) {
        CloseHandle(r->to); /* the program reads end of file */
    }
    return 0;
}

/* at exit (the first of either C runtime's, after all else the program does): the program writes
 * no more, so its ends of the output pipes are closed and each relay reads what is left up to the
 * pipe's end, writes it out and stops (a child that inherited the pipe and lives on: 5 s at most) */
static void __cdecl
zpb_drain_relays(void)
{
    int fd;
    for (fd = 1; fd < 3; fd++) {
        if (zpb_threads[fd] == NULL) {
            continue;
        }
        if (zpb_crt_fd_relayed[fd]) {
            zpb_crt_close(fd);
        }
        if (GetStdHandle(zpb_std_ids[fd]) == zpb_program_ends[fd]) {
            SetStdHandle(zpb_std_ids[fd], INVALID_HANDLE_VALUE);
        }
        CloseHandle(zpb_program_ends[fd]);
        WaitForSingleObject(zpb_threads[fd], 5000);
        zpb_threads[fd] = NULL;
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
    const DWORD *ids = zpb_std_ids;
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
        zpb_program_ends[fd] = fd == 0 ? read_end : write_end;
        if (open_osfhandle != NULL && dup2 != NULL && close != NULL) {
            HANDLE copy;
            if (DuplicateHandle(GetCurrentProcess(), fd == 0 ? read_end : write_end, GetCurrentProcess(),
                                &copy, 0, TRUE, DUPLICATE_SAME_ACCESS)) {
                int other = open_osfhandle((intptr_t)copy, fd == 0 ? 0x0000 : 0x0001 /* _O_RDONLY/_O_WRONLY */);
                if (other >= 0) {
                    if (dup2(other, fd) == 0) {
                        zpb_crt_close = close; /* closed at exit: see zpb_drain_relays */
                        zpb_crt_fd_relayed[fd] = 1;
                    }
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
