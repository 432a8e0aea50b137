@echo off
rem hq on an installed station: runs "Karakana.exe --hq" beside this file. Karakana.exe is a windowed
rem program, which cmd.exe would not wait for: start /wait does, and hands on its exit code.
start "" /wait "%~dp0Karakana.exe" --hq %*
exit /b %ERRORLEVEL%
