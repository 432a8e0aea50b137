# Installs an HQ hub as the Windows service "KarakanaHub", through NSSM (https://nssm.cc: Node is
# no Windows service by itself, NSSM runs it as one and restarts it when it stops).
# Run in an elevated PowerShell, with nssm.exe on PATH and Karakana installed (hq.js below):
#   .\install-hub.ps1 -Upstream https://upstream.example -HubKey KEY -SiteKey KEY -Cert C:\Karakana\tls\hub.crt -Key C:\Karakana\tls\hub.key
# The keys go into the service's environment (in the registry, readable by administrators only),
# never on its command line. Logs: C:\ProgramData\Karakana\hub\hub.log, rotated at 10 MB.
# Not run by Karakana's tests (they run on Linux): README "Running the upstream and the hub as services".
param(
  [Parameter(Mandatory = $true)][string]$Upstream,
  [Parameter(Mandatory = $true)][string]$HubKey,
  [Parameter(Mandatory = $true)][string]$SiteKey,
  [Parameter(Mandatory = $true)][string]$Cert,
  [Parameter(Mandatory = $true)][string]$Key,
  [string]$Node = (Get-Command node.exe).Source,
  [string]$Hq = "$env:ProgramFiles\Karakana\core\cli\hq.js",
  [string]$Data = "$env:ProgramData\Karakana\hub",
  [int]$Port = 4280
)
$ErrorActionPreference = 'Stop'
$service = 'KarakanaHub'

New-Item -ItemType Directory -Force -Path $Data | Out-Null
# Only SYSTEM (the service's account) and administrators may read the hub's store and logs.
icacls $Data /inheritance:r /grant:r 'SYSTEM:(OI)(CI)F' 'Administrators:(OI)(CI)F' | Out-Null

nssm install $service $Node "`"$Hq`" upstream --db `"$Data\hub.db`" --port $Port --host 0.0.0.0 --tls-cert `"$Cert`" --tls-key `"$Key`" --upstream $Upstream"
nssm set $service DisplayName 'Karakana HQ hub'
nssm set $service AppDirectory $Data
nssm set $service AppEnvironmentExtra "KARAKANA_UPSTREAM_KEY=$HubKey" "KARAKANA_ENROLL_KEY=$SiteKey"
nssm set $service AppStdout "$Data\hub.log"
nssm set $service AppStderr "$Data\hub.log"
nssm set $service AppRotateFiles 1
nssm set $service AppRotateOnline 1
nssm set $service AppRotateBytes 10485760
nssm set $service Start SERVICE_AUTO_START
nssm start $service
Write-Host "$service started; its log is $Data\hub.log"
