# Sourced by the scripts that install what they need from Debian's packages.
# $sudo: empty as root, "sudo" otherwise (also for the scripts' other privileged steps).
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"

# apt_install WHO PACKAGE...: installs the packages, saying which script wanted them.
apt_install() {
  local who=$1
  shift
  echo "$who: installing $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
