; The Windows setup of 自评表 (NSIS 3, built on Linux by Debian's makensis or on Windows):
;   makensis -DVERSION=0.1.0 -DBUNDLE=dist\windows\zpb -DICON=zpb.ico -DOUTFILE=zpb-setup.exe setup.nsi
; - per user by default, no administrator rights: %LOCALAPPDATA%\Programs\自评表, the user's Start
;   menu and desktop, the user's file types (HKCU\Software\Classes) and 应用和功能 entry (HKCU);
; - /ALLUSERS (run as administrator, IT's deployment): Program Files, every user's Start menu and
;   desktop, HKLM; /S silent; /D=FOLDER another folder (last on the line, unquoted, NSIS's rule);
; - an upgrade goes into the folder of the installed version and replaces only the program's own
;   files; the uninstaller removes the program, its shortcuts and registry entries, never the
;   clerk's files, settings (HKCU\Software\zpb) or recovery copies (%LOCALAPPDATA%\zpb).
; File types: Windows finds a file's program by its last extension only, so "例.zpb.json" is a
; ".json" to it. 自评表 is listed in 打开方式 for .json (and .docx/.xlsx forms, never their
; default), and is the default for .json only where no program has .json yet; the window opens a
; 部门整体.zpbdept.json as its folder's department view and refuses other JSON with a message.
Unicode true
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma
SetCompressorDictSize 32

!ifndef VERSION
  !error "makensis -DVERSION=x.y.z"
!endif
!define APPNAME "自评表"
!define FULLNAME "项目支出绩效自评表"
!define PUBLISHER "zpb 项目组"
!define EXE "自评表.exe"
!define UNINSTALLER "uninstall.exe"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\zpb"
!define PROGID "zpb.File"
!define FORMPROGID "zpb.Form"

!include MUI2.nsh
!include FileFunc.nsh
!include LogicLib.nsh

Name "${FULLNAME}"
OutFile "${OUTFILE}"
BrandingText "${FULLNAME} ${VERSION}"
ShowInstDetails nevershow
ShowUninstDetails nevershow

Var AllUsers

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "安装 ${FULLNAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "将把“${APPNAME}”安装到这台电脑上，不需要管理员权限，也不需要联网。$\r$\n$\r$\n安装后开始菜单和桌面上有“${APPNAME}”，双击项目文件（.zpb.json）即可打开。$\r$\n$\r$\n您填写的表格、程序的设置和自动保存的恢复文件都不在程序文件夹里：以后升级或卸载都不会删除它们。$\r$\n$\r$\n点击“下一步”继续。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开${APPNAME}"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "将删除“${APPNAME}”程序、它的快捷方式和文件关联。您填写的表格、程序的设置和自动保存的恢复文件会保留。"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

; the setup's file properties (详细信息): version and publisher
VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${FULLNAME}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${FULLNAME} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "${PUBLISHER}"

; the program's own files: all an upgrade replaces and all the uninstaller removes, first making
; sure the program is not running (a running 自评表.exe cannot be deleted)
!macro PROGRAM_FILES un
Function ${un}RemoveProgramFiles
  retry:
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\zpb.exe"
  ${If} ${FileExists} "$INSTDIR\${EXE}"
  ${OrIf} ${FileExists} "$INSTDIR\zpb.exe"
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "“${APPNAME}”正在运行。请先关闭它（保存好正在填写的表），再点“重试”。" /SD IDCANCEL IDRETRY retry
    SetErrorLevel 5
    Abort "“${APPNAME}”正在运行：请先关闭它。"
  ${EndIf}
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${UNINSTALLER}"
FunctionEnd
!macroend
!insertmacro PROGRAM_FILES ""
!insertmacro PROGRAM_FILES "un."

Function .onInit
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/ALLUSERS" $1
  ${IfNot} ${Errors}
    StrCpy $AllUsers 1
    UserInfo::GetAccountType
    Pop $2
    ${If} $2 != "Admin"
      MessageBox MB_ICONSTOP "为所有用户安装（/ALLUSERS）需要管理员权限：请以管理员身份运行。" /SD IDOK
      SetErrorLevel 740  ; ERROR_ELEVATION_REQUIRED
      Quit
    ${EndIf}
    SetShellVarContext all
    ReadRegStr $3 HKLM "${UNINSTKEY}" "InstallLocation"
    StrCpy $4 "$PROGRAMFILES64\${APPNAME}"
  ${Else}
    StrCpy $AllUsers 0
    SetShellVarContext current
    ReadRegStr $3 HKCU "${UNINSTKEY}" "InstallLocation"
    StrCpy $4 "$LOCALAPPDATA\Programs\${APPNAME}"
  ${EndIf}
  ${If} $INSTDIR == ""  ; no /D=: where the installed version is, else the default
    ${If} $3 != ""
      StrCpy $INSTDIR $3
    ${Else}
      StrCpy $INSTDIR $4
    ${EndIf}
  ${EndIf}
FunctionEnd

Section "${APPNAME}"
  SetOutPath "$INSTDIR"
  Call RemoveProgramFiles
  File /r "${BUNDLE}\*.*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 SW_SHOWNORMAL "" "${FULLNAME}"
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 SW_SHOWNORMAL "" "${FULLNAME}"

  ; file types (SHCTX: HKCU per user, HKLM for all users)
  WriteRegStr SHCTX "Software\Classes\${PROGID}" "" "自评表文件"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  WriteRegStr SHCTX "Software\Classes\.json\OpenWithProgids" "${PROGID}" ""
  ReadRegStr $0 HKCR ".json" ""
  ReadRegStr $1 HKCU "Software\Microsoft\Windows\CurrentVersion\Explorer\FileExts\.json\UserChoice" "ProgId"
  ${If} $1 == ""
  ${AndIf} $0 == ""
  ${OrIf} $0 == "${PROGID}"
    WriteRegStr SHCTX "Software\Classes\.json" "" "${PROGID}"
    WriteRegStr SHCTX "${UNINSTKEY}" "JsonDefault" "1"  ; the uninstaller gives .json back
  ${EndIf}
  WriteRegStr SHCTX "Software\Classes\${FORMPROGID}" "" "自评表（读入填好的表格）"
  WriteRegStr SHCTX "Software\Classes\${FORMPROGID}\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr SHCTX "Software\Classes\${FORMPROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  WriteRegStr SHCTX "Software\Classes\.docx\OpenWithProgids" "${FORMPROGID}" ""
  WriteRegStr SHCTX "Software\Classes\.xlsx\OpenWithProgids" "${FORMPROGID}" ""
  WriteRegStr SHCTX "Software\Classes\Applications\${EXE}" "FriendlyAppName" "${APPNAME}"
  WriteRegStr SHCTX "Software\Classes\Applications\${EXE}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  WriteRegStr SHCTX "Software\Classes\Applications\${EXE}\SupportedTypes" ".json" ""
  WriteRegStr SHCTX "Software\Classes\Applications\${EXE}\SupportedTypes" ".docx" ""
  WriteRegStr SHCTX "Software\Classes\Applications\${EXE}\SupportedTypes" ".xlsx" ""

  ; 应用和功能
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayName" "${FULLNAME}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr SHCTX "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTKEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr SHCTX "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD SHCTX "${UNINSTKEY}" "EstimatedSize" $0
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED
SectionEnd

Function un.onInit
  ; an all-users install (its entry in HKLM names this folder) is removed for all users
  ReadRegStr $0 HKLM "${UNINSTKEY}" "InstallLocation"
  ${If} $0 != ""
  ${AndIf} $0 == $INSTDIR
    UserInfo::GetAccountType
    Pop $1
    ${If} $1 != "Admin"
      MessageBox MB_ICONSTOP "这是为所有用户安装的“${APPNAME}”，卸载需要管理员权限。" /SD IDOK
      SetErrorLevel 740
      Quit
    ${EndIf}
    SetShellVarContext all
  ${Else}
    SetShellVarContext current
  ${EndIf}
FunctionEnd

!macro DROP_EMPTY_TYPE ext
  DeleteRegKey /ifempty SHCTX "Software\Classes\${ext}\OpenWithProgids"
  DeleteRegKey /ifempty SHCTX "Software\Classes\${ext}"
!macroend

Section "Uninstall"
  Call un.RemoveProgramFiles
  RMDir "$INSTDIR"  ; only when empty: whatever the clerk put in the folder stays
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  ReadRegStr $0 SHCTX "${UNINSTKEY}" "JsonDefault"
  ReadRegStr $1 SHCTX "Software\Classes\.json" ""
  ${If} $0 == "1"
  ${AndIf} $1 == "${PROGID}"
    DeleteRegValue SHCTX "Software\Classes\.json" ""
  ${EndIf}
  DeleteRegValue SHCTX "Software\Classes\.json\OpenWithProgids" "${PROGID}"
  DeleteRegValue SHCTX "Software\Classes\.docx\OpenWithProgids" "${FORMPROGID}"
  DeleteRegValue SHCTX "Software\Classes\.xlsx\OpenWithProgids" "${FORMPROGID}"
  !insertmacro DROP_EMPTY_TYPE ".json"  ; the keys we made if nothing else uses them
  !insertmacro DROP_EMPTY_TYPE ".docx"
  !insertmacro DROP_EMPTY_TYPE ".xlsx"
  DeleteRegKey SHCTX "Software\Classes\${PROGID}"
  DeleteRegKey SHCTX "Software\Classes\${FORMPROGID}"
  DeleteRegKey SHCTX "Software\Classes\Applications\${EXE}"
  DeleteRegKey SHCTX "${UNINSTKEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
