# shellcheck shell=bash
# Variables set here are used by the scripts that source this file.
# shellcheck disable=SC2034
# Shared helpers for the scripts in this directory. Source it, don't run it:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# It moves the caller to the repository root and defines logging, root-privilege,
# apt and toolchain helpers.

ZUFI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ZUFI_ROOT" || exit 1

# rustup's usual home, for shells whose profile has not put it on PATH (CI, sudo, cron).
if ! command -v rustup >/dev/null 2>&1 && [[ -x "${CARGO_HOME:-$HOME/.cargo}/bin/rustup" ]]; then
    PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
fi

# Where cargo writes; the toolchain choice lives beside the build output so that each
# checkout has its own and `cargo clean` forgets it together with the artifacts.
ZUFI_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
ZUFI_TOOLCHAIN_FILE="$ZUFI_TARGET_DIR/zufi-toolchain.env"

if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then
    _c_bold=$'\e[1m' _c_red=$'\e[31m' _c_green=$'\e[32m' _c_dim=$'\e[2m' _c_off=$'\e[0m'
else
    _c_bold='' _c_red='' _c_green='' _c_dim='' _c_off=''
fi

# One line of progress, prefixed with the script's name.
say() { printf '%s[%s]%s %s\n' "$_c_bold" "${0##*/}" "$_c_off" "$*"; }
# A step that found nothing to do.
skip() { printf '%s[%s] %s%s\n' "$_c_dim" "${0##*/}" "$*" "$_c_off"; }
warn() { printf '%s[%s] warning:%s %s\n' "$_c_red" "${0##*/}" "$_c_off" "$*" >&2; }
die() {
    printf '%s[%s] error:%s %s\n' "$_c_red" "${0##*/}" "$_c_off" "$*" >&2
    exit 1
}

have() { command -v "$1" >/dev/null 2>&1; }

# Runs a command as root: directly when we are root (CI), through sudo otherwise.
as_root() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    elif have sudo; then
        sudo "$@"
    else
        die "need root for: $* (run as root or install sudo)"
    fi
}

# Runs a noisy command with its output in a log file; shows the log's tail only on failure.
quietly() {
    local log
    log="$(mktemp "${TMPDIR:-/tmp}/zufi-setup.XXXXXX.log")"
    if "$@" >"$log" 2>&1; then
        rm -f "$log"
    else
        local rc=$?
        warn "command failed (exit $rc): $*"
        tail -n 40 "$log" >&2
        warn "full log: $log"
        return "$rc"
    fi
}

# Like quietly, for a command whose failure is expected and handled (a download that may be
# impossible here): on failure prints only its first error line.
attempt() {
    local log rc=0
    log="$(mktemp "${TMPDIR:-/tmp}/zufi-setup.XXXXXX.log")"
    "$@" >"$log" 2>&1 || rc=$?
    if [[ $rc -ne 0 ]]; then
        warn "'$*' failed (exit $rc): $(grep -m1 -i 'error' "$log" || tail -n1 "$log") (log: $log)"
    else
        rm -f "$log"
    fi
    return "$rc"
}

deb_installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

_zufi_apt_updated=''
# Installs the Debian packages that are missing; does nothing (and says so) when all are there.
apt_ensure() {
    local missing=() pkg
    for pkg in "$@"; do
        deb_installed "$pkg" || missing+=("$pkg")
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        skip "debian packages already installed: $*"
        return 0
    fi
    have apt-get || die "apt-get not found; install by hand: ${missing[*]}"
    if [[ -z "$_zufi_apt_updated" ]]; then
        say "apt-get update"
        quietly as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
        _zufi_apt_updated=1
    fi
    say "apt-get install ${missing[*]}"
    quietly as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

# Loads the toolchain choice written by scripts/setup-toolchain into the array CARGO
# (use it as "${CARGO[@]}" build ...), ZUFI_TOOLCHAIN_KIND (rustup | debian) and ZUFI_BUILD_DIR,
# and exports what that toolchain needs (CARGO_TARGET_DIR for Debian's).
load_toolchain() {
    [[ -f "$ZUFI_TOOLCHAIN_FILE" ]] || die "$ZUFI_TOOLCHAIN_FILE missing: run scripts/setup-toolchain"
    # shellcheck source=/dev/null
    source "$ZUFI_TOOLCHAIN_FILE"
    read -r -a CARGO <<<"$ZUFI_CARGO"
    ZUFI_TOOLCHAIN_KIND="$ZUFI_TOOLCHAIN"
    # Where this toolchain's artifacts are, e.g. "$ZUFI_BUILD_DIR/release/zufi".
    ZUFI_BUILD_DIR="${CARGO_TARGET_DIR:-target}"
}

# Runs scripts/setup-toolchain (with the given flags) and loads its choice.
# shellcheck disable=SC2120 # callers pass setup-toolchain flags only when they need them
setup_and_load_toolchain() {
    "$ZUFI_ROOT/scripts/setup-toolchain" "$@"
    load_toolchain
}

# The wasm features rustc enables by default for wasm32-unknown-unknown (Rust >= 1.87); wasm-opt
# must accept them and may use them, but nothing newer that older browsers lack. For
# scripts/build-widget and scripts/build-kiosk.
WASM_FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
    --enable-mutable-globals --enable-reference-types --enable-multivalue)

# CARGO_ENCODED_RUSTFLAGS for the wasm that municipalities publish: the panic locations compiled
# into it name source files, and a published file names no path of the machine that built it.
# Crates from the registry become crates/NAME-VERSION/…, zufi's own files are named from the
# repository root. Encoded (flags separated by 0x1f), so that paths with spaces stay whole; any
# RUSTFLAGS of the caller come first. For scripts/build-widget and scripts/build-kiosk (the same
# flags, or their shared dependencies would be built twice).
wasm_rustflags() {
    local flags=() registry cargo_home="${CARGO_HOME:-$HOME/.cargo}"
    read -r -a flags <<<"${RUSTFLAGS:-}"
    for registry in "$cargo_home"/registry/src/*/; do
        [[ -d "$registry" ]] && flags+=("--remap-path-prefix=$registry=crates/")
    done
    flags+=("--remap-path-prefix=$cargo_home/git/checkouts/=crates/")
    flags+=("--remap-path-prefix=$ZUFI_ROOT/=")
    local IFS=$'\x1f'
    echo "${flags[*]}"
}

# Formats seconds as 1m05s / 12s.
fmt_secs() {
    local s=$1
    if ((s >= 60)); then printf '%dm%02ds' $((s / 60)) $((s % 60)); else printf '%ds' "$s"; fi
}
