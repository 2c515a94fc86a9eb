#!/usr/bin/env bash
# Summary: upload images to a Pinhole image host and print their links; delete them again
#
# Usage: upload.sh [options] FILE...
#        screenshot-tool | upload.sh [options] -
#        upload.sh --delete LINK
#        upload.sh --delete '<a saved JSON line>'
#
# Uploads each FILE and prints its public link, one per line, on standard output and nothing else
# there, so `link=$(upload.sh shot.png)` works. The server checks each image before its link works;
# the script waits until it is published and only then prints the link (--no-wait prints it at
# once). `-` reads one image from standard input; its type comes from its first bytes (PNG, JPEG,
# GIF, WebP, AVIF) unless --ext names it. With several files, a failure does not stop the others.
# Each upload's delete action is saved (see State file), so that --delete LINK can take it back.
#
# Options:
#   --endpoint URL  the Pinhole server (default: $PINHOLE_URL, else the config file, else
#                   http://127.0.0.1:8080, the local stack started by scripts/run-local.sh)
#   --token TOKEN   upload token, for servers that require one (default: $PINHOLE_TOKEN, else the
#                   config file); prefer those two: a token on the command line shows up in `ps`
#   --ext EXT       the type of the image(s), e.g. png, instead of the file name or first bytes
#   --lifetime LIFETIME
#                   how long the server keeps the image: a number of days such as 1d, 7d or 30d,
#                   or forever. Which ones a server offers is its choice: its /api/limits lists
#                   them ("lifetimes", "foreverAllowed"); without --lifetime its "defaultLifetime"
#                   applies. One it does not offer is refused (exit 4), with those it does offer.
#   --json          print the server's JSON answer for each upload (one line each) instead of links;
#                   it holds the delete action, with its secret token
#   --copy          also put the link(s) on the clipboard (wl-copy, xclip, xsel or pbcopy)
#   --no-wait       print each link as soon as the upload is stored, without waiting until the
#                   server has checked and published the image (the link works moments later)
#   --no-state      do not save the upload's delete action in the state file (below); then only
#                   --json shows it, and --delete LINK cannot delete the image
#   --delete LINK   delete an image you uploaded with this script: performs the delete action
#                   saved for LINK (or its key) in the state file. --delete '<JSON line>' performs
#                   the delete action of a line saved elsewhere (of the state file, or --json output).
#                   May be given several times; takes no FILE and no upload options.
#   --send-token-over-http
#                   send the upload token even to an http:// endpoint on another machine, where
#                   anyone on the network path can read it (refused without this; use https://)
#   -h, --help      show this help
#
# By default the script waits (up to 2 minutes; PINHOLE_WAIT_SECONDS changes it) while the server
# checks each image, and says on standard error what metadata it removed, e.g. "Location and
# camera details removed", and, with a lifetime, when the image will be removed. With --json
# each line is the server's ticket (with "delete", "lifetime" and "removeAfter") plus "state"
# ("published", or "uploaded" with --no-wait) and "removed" (the kinds of metadata removed).
#
# Config file: ${XDG_CONFIG_HOME:-~/.config}/pinhole/config, lines of `name = value`, # comments:
#   endpoint = https://images.example.com
#   token = s3cr3t
#
# State file: ${XDG_STATE_HOME:-~/.local/state}/pinhole/uploads.jsonl, one JSON line per upload
# ({"link", "key", "delete", "removeAfter", "time"}; "deleted" is added once it is deleted). It holds
# the secret delete tokens: the script keeps its directory at mode 700 and the file at 600.
#
# Exit codes:
#   0  every file was uploaded; with --delete: every image was deleted, or had been deleted already
#   1  a required tool is missing, or an unexpected error
#   2  usage or configuration error (bad option, no FILE, bad endpoint, a --delete argument that
#      is not a link or a saved JSON line with a delete action): nothing was uploaded or deleted
#   3  a file could not be read (missing, unreadable, empty, or of unknown type)
#   4  the server refused a file (type not accepted, too large, a lifetime it does not offer, wrong
#      or missing token...), or refused to publish it after checking it (not an image,
#      truncated...); with --delete: it refused the delete (the delete token does not match the
#      image); the message says why
#   5  an upload failed: the storage refused it, or a server error (5xx, 429) or network failure
#      persisted after one retry with a new ticket, or a published image's link did not serve it;
#      with --delete: a server error persisted after one retry
#   6  the server could not be reached, or the address is not a Pinhole server (it answered
#      like another kind of server, or sent a ticket or a status the script will not use)
#   7  the server had not finished checking an image within the wait (2 minutes by default); it
#      was uploaded, and its link (in the message) may work later
#   8  --delete LINK: the state file holds no delete action for LINK (the message names the
#      file); nothing was sent
#   9  --delete: the server has no such image: it expired (its lifetime ended), was refused when
#      checked, or was never uploaded
# When several files (or deletes) fail, the exit code is that of the first failure.
#
# The script trusts no server: before it uses a ticket it checks that the link and the upload address
# are http(s) addresses and that the headers to send are plain names and one-line values, and curl
# may only speak http and https. Needs bash, curl, jq and coreutils. Progress is shown on standard
# error when it is a terminal. Tokens (upload and delete) reach curl in private files, never on its
# command line, and are never printed, except the delete token in --json output.
set -euo pipefail

readonly PROG=upload.sh
readonly DEFAULT_ENDPOINT=http://127.0.0.1:8080
readonly EXIT_MISSING_TOOL=1 EXIT_USAGE=2 EXIT_FILE=3 EXIT_REFUSED=4 EXIT_UPLOAD=5 EXIT_UNREACHABLE=6 EXIT_NOT_PUBLISHED=7
readonly EXIT_NOT_SAVED=8 EXIT_NO_SUCH_IMAGE=9
# Every curl call: no ~/.curlrc (-q), only http and https, also for redirects (none are followed, and
# none ever may lead to file:// or another protocol), and no URL globbing, so a URL from a server is
# one URL ("[1-100000]" in it is not a hundred thousand uploads).
readonly CURL_SAFE=(-q --proto "=http,https" --proto-redir "=http,https" --globoff)
# jq definitions for checking what a server (or a saved line) hands the script before it is used:
# addresses curl may fetch, and headers that are plain names with one-line values (a value with a line
# break would add a header; a name such as "@/etc/passwd" would put a file into curl's arguments).
readonly JQ_CHECKS='
  def address: type == "string" and test("^https?://[^[:space:][:cntrl:]]+$"; "i");
  def token: test("^[!#$%&\u0027*+.^_`|~0-9A-Za-z-]+$");
  def one_line: type == "string" and (gsub("\t"; "") | test("[[:cntrl:]]") | not);
  def plain_headers: type == "object" and length <= 50 and ([keys[] | token] | all) and ([.[] | one_line] | all);
  def action: type == "object" and (.method | type == "string" and test("^[A-Z]{1,16}$"))
    and (.url | address) and ((.headers // {}) | plain_headers);
  def instant: type == "string" and test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$");
'

die() {
  local code=$1
  shift
  printf '%s: %s\n' "$PROG" "$*" >&2
  exit "$code"
}
warn() { printf '%s: %s\n' "$PROG" "$*" >&2; }
usage_error() { die "$EXIT_USAGE" "$* (try --help)"; }

# Shown on stderr only when a person is watching it.
progress() { if [[ -t 2 ]]; then printf '%s\n' "$*" >&2; fi; }

print_help() {
  local line
  while IFS= read -r line; do
    case $line in
      '#!'*) ;;
      '#'*) line=${line#\#}; printf '%s\n' "${line# }" ;;
      *) break ;;
    esac
  done <"$0"
}

check_tools() {
  local missing=() tool
  for tool in curl jq base64 od mktemp wc tr cat; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if ! command -v sha256sum >/dev/null 2>&1 && ! command -v shasum >/dev/null 2>&1 \
      && ! command -v openssl >/dev/null 2>&1; then
    missing+=("sha256sum")
  fi
  if ((${#missing[@]})); then
    die "$EXIT_MISSING_TOOL" "this script needs ${missing[*]}, which cannot be found." \
      "Install them (Debian/Ubuntu: sudo apt-get install curl jq coreutils; macOS: brew install jq)."
  fi
}

# --- settings ----------------------------------------------------------------------------------

endpoint="" token="" ext_option="" lifetime="" json=false copy=false token_over_http=false wait=true
save_state=true wait_seconds=120
files=() deletes=() upload_options=()

parse_args() {
  while (($#)); do
    case $1 in
      -h|--help) print_help; exit 0 ;;
      --endpoint|--token|--ext|--lifetime|--delete)
        (($# >= 2)) || usage_error "$1 needs a value"
        set_option "$1" "$2"
        shift 2 ;;
      --endpoint=*|--token=*|--ext=*|--lifetime=*|--delete=*) set_option "${1%%=*}" "${1#*=}"; shift ;;
      --json) json=true; upload_options+=("$1"); shift ;;
      --copy) copy=true; upload_options+=("$1"); shift ;;
      --no-wait) wait=false; upload_options+=("$1"); shift ;;
      --no-state) save_state=false; upload_options+=("$1"); shift ;;
      --send-token-over-http) token_over_http=true; shift ;;
      --) shift; files+=("$@"); break ;;
      -) files+=("-"); shift ;;
      -*) usage_error "unknown option '$1'" ;;
      *) files+=("$1"); shift ;;
    esac
  done
  if ((${#deletes[@]})); then
    ((${#files[@]} == 0)) || usage_error "--delete takes no image files ('${files[0]}')"
    ((${#upload_options[@]} == 0)) || usage_error "--delete cannot be combined with ${upload_options[0]}"
    return 0
  fi
  ((${#files[@]})) || usage_error "name at least one image file to upload, or - to read one from standard input"
  local count=0 file
  for file in "${files[@]}"; do
    [[ $file == - ]] && count=$((count + 1))
  done
  ((count <= 1)) || usage_error "- (standard input) can be given only once"
}

set_option() {
  case $1 in
    --endpoint) endpoint=$2 ;;
    --token) token=$2 ;;
    --ext) ext_option=$(printf '%s' "${2#.}" | tr '[:upper:]' '[:lower:]')
           [[ -n $ext_option ]] || usage_error "--ext needs a file type such as png"
           upload_options+=(--ext) ;;
    # Not checked against a list here: the server decides which lifetimes it offers, and says so.
    --lifetime) lifetime=$(trim "$2")
                [[ -n $lifetime && $lifetime != *[[:cntrl:]]* ]] \
                  || usage_error "--lifetime needs a lifetime such as 7d or forever"
                upload_options+=(--lifetime) ;;
    --delete) [[ -n $(trim "$2") ]] || usage_error "--delete needs a link, or a saved JSON line"
              deletes+=("$2") ;;
  esac
}

config_file() { printf '%s/pinhole/config' "${XDG_CONFIG_HOME:-${HOME:-}/.config}"; }

# Reads `name = value` lines; the file is parsed, never sourced, so it cannot run code.
read_config() {
  local file line name value number=0
  file=$(config_file)
  [[ -f $file ]] || return 0
  [[ -r $file ]] || die "$EXIT_USAGE" "cannot read the config file $file"
  while IFS= read -r line || [[ -n $line ]]; do
    number=$((number + 1))
    line=$(trim "$line")
    [[ -z $line || $line == \#* ]] && continue
    [[ $line == *=* ]] || die "$EXIT_USAGE" "$file, line $number: expected 'name = value', found '$line'"
    name=$(trim "${line%%=*}")
    value=$(trim "${line#*=}")
    case $name in
      endpoint) config_endpoint=$value ;;
      token) config_token=$value ;;
      *) warn "$file, line $number: ignoring unknown setting '$name' (known: endpoint, token)" ;;
    esac
  done <"$file"
}

trim() {
  local text=$1
  text=${text#"${text%%[![:space:]]*}"}
  printf '%s' "${text%"${text##*[![:space:]]}"}"
}

config_endpoint="" config_token=""

resolve_settings() {
  read_config
  endpoint=${endpoint:-${PINHOLE_URL:-${config_endpoint:-$DEFAULT_ENDPOINT}}}
  if [[ -n ${PINHOLE_WAIT_SECONDS:-} ]]; then
    [[ $PINHOLE_WAIT_SECONDS =~ ^[1-9][0-9]{0,3}$ ]] && ((PINHOLE_WAIT_SECONDS <= 3600)) \
      || usage_error "PINHOLE_WAIT_SECONDS must be a whole number of seconds from 1 to 3600"
    wait_seconds=$PINHOLE_WAIT_SECONDS
  fi
  token=${token:-${PINHOLE_TOKEN:-$config_token}}
  while [[ $endpoint == */ ]]; do endpoint=${endpoint%/}; done
  [[ $endpoint =~ ^https?://[^/[:space:]]+(/[^[:space:]]*)?$ ]] \
    || usage_error "the endpoint must be an http(s) address such as https://images.example.com, not '$endpoint'"
  [[ $token != *[$'\r\n']* ]] || usage_error "the upload token must be a single line"
  if [[ -n $token && $endpoint == http://* && $token_over_http != true ]] \
      && ! is_this_machine "$(endpoint_host)"; then
    usage_error "refusing to send the upload token over plain http to $(endpoint_host), where anyone on the" \
      "network path can read it; use an https:// endpoint, or add --send-token-over-http to send it anyway"
  fi
}

# The host part of the endpoint, lower case: no user, port, path, query or brackets.
endpoint_host() {
  local authority=${endpoint#*://}
  authority=${authority%%[/?#]*}
  authority=${authority##*@}
  if [[ $authority == \[* ]]; then
    authority=${authority#[}
    authority=${authority%%]*}
  else
    authority=${authority%%:*}
  fi
  printf '%s' "$authority" | tr '[:upper:]' '[:lower:]'
}

# Whether a host name or address is this machine (loopback), where plain http is never on a network.
is_this_machine() {
  [[ $1 == localhost || $1 == ::1 || $1 =~ ^127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$ ]]
}

# --- state file: the delete actions of past uploads --------------------------------------------

# XDG_STATE_HOME counts only when it is an absolute path (the XDG spec says to ignore it otherwise).
state_file() {
  local base=${XDG_STATE_HOME:-}
  [[ $base == /* ]] || base=${HOME:+$HOME/.local/state}
  [[ -n $base ]] || return 1
  printf '%s/pinhole/uploads.jsonl' "$base"
}

state_lock="" lock_held=false

# Runs a command while holding the state file's lock (a directory: mkdir is atomic everywhere), so
# that an append by one upload.sh and the rewrite by another's --delete cannot lose a line. The
# directory is made (mode 700) and both modes are checked first.
with_state() {
  local file=$1 dir tries=0
  shift
  dir=${file%/*}
  (umask 077 && mkdir -p "$dir") || return 1
  make_private "$dir" rwx------ 700 || return 1
  state_lock="$dir/uploads.lock"
  until mkdir "$state_lock" 2>/dev/null; do
    tries=$((tries + 1))
    if ((tries >= 100)); then
      warn "the state file is locked by $state_lock for 10 s now; if no other $PROG is running, remove that directory"
      return 1
    fi
    sleep 0.1
  done
  lock_held=true
  local outcome=1
  if [[ ! -e $file ]] || make_private "$file" rw------- 600; then
    (umask 077 && "$@") && outcome=0
  fi
  rmdir "$state_lock" 2>/dev/null || true
  lock_held=false
  return "$outcome"
}

# Sets MODE on PATH when its permissions are not exactly WANTED (as ls shows them, e.g. rw-------),
# saying so when others had any access: it holds delete tokens. ls, not stat: stat differs on macOS.
make_private() {
  local path=$1 wanted=$2 mode=$3 listing
  listing=$(ls -ldL "$path") || return 1
  listing=${listing:1:9}
  [[ $listing != "$wanted" ]] || return 0
  chmod "$mode" "$path" || return 1
  if [[ ${listing:3:6} != ------ ]]; then
    warn "$path was open to others ($listing); it holds delete tokens, so it is now mode $mode"
  fi
}

append_line() { printf '%s\n' "$2" >>"$1"; }

# Adds "deleted": TIME to the entries of LINK; other lines, even ones that are not JSON, stay as they are.
mark_deleted_in() {
  local file=$1 link=$2 time=$3
  [[ -f $file ]] || return 0
  jq -R -r --arg link "$link" --arg time "$time" '
    . as $line | (try fromjson catch null) as $entry
    | if ($entry | type) == "object" and $entry.link == $link and ($entry | has("deleted") | not)
      then $entry + {deleted: $time} | tojson else $line end' "$file" >"$file.new" \
    && mv "$file.new" "$file" || { rm -f "$file.new"; return 1; }
}

# Saves the upload's JSON line (link, key, delete action, removeAfter, time), unless --no-state or the
# server sent no delete action. Sets saved_state to the file it went to.
saved_state=""
remember_upload() {
  local name=$1 file entry
  saved_state=""
  [[ $save_state == true ]] || return 0
  jq -e 'has("delete")' "$workdir/ticket.json" >/dev/null || return 0
  if ! file=$(state_file); then
    warn "$name: its delete action was not saved: neither XDG_STATE_HOME nor HOME is set"
    return 0
  fi
  entry=$(jq -c --arg time "$(now_utc)" \
    '{link: .url, key, delete, removeAfter: (.removeAfter // null), time: $time}' "$workdir/ticket.json")
  if with_state "$file" append_line "$file" "$entry"; then
    saved_state=$file
  else
    warn "$name: its delete action could not be saved in $file; --json prints it"
  fi
}

now_utc() { date -u +%Y-%m-%dT%H:%M:%SZ; }

# --- one file ----------------------------------------------------------------------------------

workdir=""
source_path=""
status=0
links=()
file_error_code=0

# Records a failure of one file; the first failure decides the exit code.
fail_file() {
  local code=$1 name=$2
  shift 2
  warn "$name: $*"
  ((status != 0)) || status=$code
  file_error_code=$code
}

# Prints the image type its first bytes announce, or nothing.
sniff_type() {
  local magic
  magic=$(od -An -tx1 -N12 -v "$1" | tr -d ' \n')
  case $magic in
    89504e470d0a1a0a*) echo png ;;
    ffd8ff*) echo jpg ;;
    474946383761*|474946383961*) echo gif ;;
    52494646????????57454250*) echo webp ;;
    ????????6674797061766966*|????????6674797061766973*) echo avif ;;
  esac
}

size_of() { local size; size=$(wc -c <"$1"); echo $((size)); }

# Base64 of the raw 32-byte SHA-256 digest, as S3's x-amz-checksum-sha256 expects.
sha256_base64() {
  local hex escaped="" i
  if command -v sha256sum >/dev/null 2>&1; then
    hex=$(sha256sum <"$1")
  elif command -v shasum >/dev/null 2>&1; then
    hex=$(shasum -a 256 <"$1")
  else
    hex=$(openssl dgst -sha256 -r <"$1")
  fi
  hex=${hex%% *}
  [[ $hex =~ ^[0-9a-f]{64}$ ]] || die 1 "could not compute a SHA-256 digest (got '$hex')"
  for ((i = 0; i < 64; i += 2)); do escaped+="\\x${hex:i:2}"; done
  LC_ALL=C printf '%b' "$escaped" | base64 | tr -d '\n'
}

# Makes the bytes of FILE available as a regular file at $source_path; stdin and pipes
# (e.g. <(maim)) are copied once into the work directory, so they can be measured and resent.
materialize() {
  local file=$1 name=$2
  source_path=$file
  if [[ $file == - ]]; then
    if [[ -t 0 ]]; then
      fail_file "$EXIT_FILE" "$name" "is a terminal; pipe an image into it, e.g. 'maim -s | $PROG -'"
      return 1
    fi
    source_path="$workdir/stdin"
    cat >"$source_path"
  elif [[ -d $file ]]; then
    fail_file "$EXIT_FILE" "$name" "is a directory, not an image file"
    return 1
  elif [[ ! -e $file ]]; then
    fail_file "$EXIT_FILE" "$name" "no such file"
    return 1
  elif [[ ! -r $file ]]; then
    fail_file "$EXIT_FILE" "$name" "cannot be read (permission denied)"
    return 1
  elif [[ ! -f $file ]]; then
    source_path="$workdir/pipe"
    cat "$file" >"$source_path"
  fi
}

# The type to ask for: --ext, else the file name's extension, else the first bytes.
type_of() {
  local file=$1 path=$2 base
  if [[ -n $ext_option ]]; then
    printf '%s' "$ext_option"; return
  fi
  base=${file##*/}
  if [[ $file != - && $base == ?*.* ]]; then
    printf '%s' "${base##*.}" | tr '[:upper:]' '[:lower:]'; return
  fi
  sniff_type "$path"
}

upload_file() {
  local file=$1 name=$1 size ext sha
  [[ $file == - ]] && name="standard input"
  materialize "$file" "$name" || return 0
  size=$(size_of "$source_path")
  if ((size == 0)); then
    fail_file "$EXIT_FILE" "$name" "is empty"
    return 0
  fi
  ext=$(type_of "$file" "$source_path")
  if [[ -z $ext ]]; then
    fail_file "$EXIT_FILE" "$name" "cannot tell the image type from its first bytes" \
      "(PNG, JPEG, GIF, WebP and AVIF are recognised); name it with --ext, e.g. --ext png"
    return 0
  fi
  sha=$(sha256_base64 "$source_path")
  progress "Uploading $name ($size bytes) to $endpoint ..."
  send_with_retry "$name" "$source_path" "$ext" "$size" "$sha"
}

# --- HTTP --------------------------------------------------------------------------------------

# Set by get_ticket and put_image when they fail; refusal_code is the server's error code, if it sent one.
failure_code=0 failure_message="" retryable=false refusal_code=""

failed() {
  failure_code=$1 retryable=$2
  shift 2
  failure_message="$*"
  return 1
}

# Ticket, then PUT; on a network error, a 5xx or a 429, exactly one more try with a fresh
# ticket (a ticket is single-use: S3 refuses a second PUT to its key).
send_with_retry() {
  local name=$1 path=$2 ext=$3 size=$4 sha=$5 try
  for try in 1 2; do
    if get_ticket "$ext" "$size" "$sha" && put_image "$path"; then
      if [[ $wait == true ]]; then
        if ! await_published "$name"; then
          # Stored but not (yet) serving: it may still need deleting. Refused: the server removed it.
          ((file_error_code == EXIT_REFUSED)) || remember_upload "$name"
          return 0
        fi
      else
        printf '{"state":"uploaded"}' >"$workdir/status.json"
      fi
      remember_upload "$name"
      finish "$name"
      return 0
    fi
    if [[ $retryable != true || $try == 2 ]]; then
      break
    fi
    progress "$name: $failure_message; trying once more with a new ticket ..."
    sleep 1
  done
  fail_file "$failure_code" "$name" "$failure_message"
}

# How long to wait for the server's check of an image; it usually takes well under a second.
# PINHOLE_WAIT_SECONDS changes it (a whole number of seconds, 1 to 3600).


# Asks the ticket's status action until the server has checked the image, waiting a little longer
# each time (0.1 s doubling up to 2 s), for at most wait_seconds. Returns 0 when it is published
# and its link answers, or when the ticket has no status action (a server from before the check);
# otherwise reports the file's failure and returns 1. Every answer is checked before it is used.
await_published() {
  local name=$1 status_url state delay_ms=100 deadline=$((SECONDS + wait_seconds))
  status_url=$(jq -r '.status.url // empty' "$workdir/ticket.json")
  if [[ -z $status_url ]]; then
    printf '{"state":"uploaded"}' >"$workdir/status.json"
    return 0
  fi
  progress "$name: checking the image..."
  while :; do
    if [[ $(http "$workdir/status.json" --max-time 30 --max-filesize 65536 "$status_url" || true) == 200 ]]; then
      state=$(status_state)
      case $state in
        published) check_published "$name"; return ;;
        refused) report_refusal "$name"; return 1 ;;
        checking) ;;
        deleted)
          # Someone with its delete action (another upload.sh --delete, the page) took it back meanwhile.
          fail_file "$EXIT_UPLOAD" "$name" "uploaded, but deleted with its delete action before it was published"
          return 1 ;;
        *)
          fail_file "$EXIT_UNREACHABLE" "$name" "uploaded, but the server sent a status this script will not use:" \
            "$state; no link was printed. Check that the address is your Pinhole server."
          return 1 ;;
      esac
    fi
    if ((SECONDS >= deadline)); then
      fail_file "$EXIT_NOT_PUBLISHED" "$name" "uploaded, but the server had not finished checking it after" \
        "$wait_seconds seconds; its link may work later: $(jq -r '.url' "$workdir/ticket.json")"
      return 1
    fi
    sleep "$((delay_ms / 1000)).$(printf '%03d' $((delay_ms % 1000)))"
    delay_ms=$((delay_ms * 2 > 2000 ? 2000 : delay_ms * 2))
  done
}

# Prints the state of a status answer that is exactly one of the documented ones, else why not.
status_state() {
  jq -r --arg link "$(jq -r '.url' "$workdir/ticket.json")" '
    def line(n): type == "string" and length <= n and (test("[[:cntrl:]]") | not);
    if type != "object" then "it is not a JSON object"
    elif .state == "checking" or .state == "deleted" then .state
    elif .state == "published" then
      if .url != $link then "it names another link than the ticket"
      elif (.removed | type) != "array" or (.removed | length) > 16
        or ([.removed[] | line(32) and test("^[a-z]+$") | not] | any) then "its list of removed metadata is malformed"
      else "published" end
    elif .state == "refused" then
      if (.reason | type) != "object" or (.reason.code | line(64) and test("^[a-z0-9_]+$") | not)
        or (.reason.message | line(500) | not) then "its reason is not a code and a one-line message"
      else "refused" end
    else "its state is not checking, published, refused or deleted" end' "$workdir/status.json" 2>/dev/null \
    || echo "it is not JSON"
}

report_refusal() {
  local code message
  code=$(jq -r '.reason.code' "$workdir/status.json")
  message=$(jq -r '.reason.message' "$workdir/status.json")
  fail_file "$EXIT_REFUSED" "$1" "refused by the server: $message ($code)"
}

# The link is asked for once: a published image must serve at once. Then says what was removed.
check_published() {
  local link http_status removed
  link=$(jq -r '.url' "$workdir/ticket.json")
  http_status=$(http /dev/null --max-time 30 --head "$link" || true)
  if [[ $http_status != 200 ]]; then
    fail_file "$EXIT_UPLOAD" "$1" "published, but its link does not serve it (HTTP ${http_status:-none}): $link"
    return 1
  fi
  removed=$(jq -r '
    {location: "location", camera: "camera", dates: "date", people: "people", text: "text",
     thumbnail: "thumbnail", other: "other"} as $words
    | ["location", "camera", "dates", "people", "text", "thumbnail", "other"] as $order
    | [.removed[] | if $words[.] then . else "other" end] as $kinds
    | [$order[] | select(. as $k | $kinds | index($k)) | $words[.]]
    | if length == 0 then empty
      else (if length == 1 then .[0] else (.[:-1] | join(", ")) + " and " + .[-1] end)
        | (.[:1] | ascii_upcase) + .[1:] + " details removed" end' "$workdir/status.json")
  if [[ -n $removed ]]; then
    warn "$1: $removed"
  fi
}

# curl writing the body to a file and the HTTP status to stdout; curl's own complaint is kept
# for our messages. Redirects are not followed (a POST would turn into a GET); ~/.curlrc is
# not read (-q), so its options cannot change what is sent.
http() {
  local out=$1
  shift
  curl "${CURL_SAFE[@]}" -sS -o "$out" -w '%{http_code}' --connect-timeout 10 "$@" 2>"$workdir/curl.err"
}

curl_detail() {
  local detail
  detail=$(cat "$workdir/curl.err")
  [[ -n $detail ]] || detail="network error"
  detail=${detail#curl: }
  if [[ $detail =~ ^\([0-9]+\)\ (.*)$ ]]; then detail=${BASH_REMATCH[1]}; fi
  printf '%s' "${detail%%$'\n'*}"
}

unreachable_hint() {
  if [[ $endpoint =~ ^http://(127\.0\.0\.1|localhost)(:|/|$) ]]; then
    printf '%s' "Is the local stack running? Start it with scripts/run-local.sh. "
  fi
  printf '%s' "To use another server, give its address with --endpoint URL, the PINHOLE_URL variable" \
    " or 'endpoint = URL' in $(config_file)."
}

get_ticket() {
  local http_status request_args=()
  refusal_code=""
  # Without --lifetime the request has none, and the server applies its default.
  jq -n --arg ext "$1" --argjson size "$2" --arg sha "$3" --arg lifetime "$lifetime" \
    '{extension: $ext, size: $size, sha256: $sha} + (if $lifetime == "" then {} else {lifetime: $lifetime} end)' \
    >"$workdir/request.json"
  [[ -z $token ]] || request_args=(-H "@$workdir/token.header")
  if ! http_status=$(http "$workdir/ticket.json" --max-time 60 --max-filesize 65536 -X POST \
      -H 'content-type: application/json' ${request_args[@]+"${request_args[@]}"} \
      --data-binary "@$workdir/request.json" "$endpoint/api/uploads"); then
    failed "$EXIT_UNREACHABLE" true "cannot reach the Pinhole server at $endpoint ($(curl_detail))." \
      "$(unreachable_hint)"
    return 1
  fi
  if [[ $http_status == 201 ]] && jq -e '(.url | type == "string") and (.upload.url | type == "string")
      and (.upload.headers | type == "object")' "$workdir/ticket.json" >/dev/null 2>&1; then
    check_ticket
    return
  fi
  ticket_refusal "$http_status"
}

# Checks a ticket before any of it is used: a server (or anyone on the path of a plain-http one) could
# send a header that puts a local file into curl's arguments, or an upload address that writes one.
check_ticket() {
  local reason
  reason=$(jq -r "$JQ_CHECKS"'
    if (.url | address | not) then "the link is not an http(s) address on one line"
    elif (.upload.url | address | not) then "the upload address is not an http(s) address on one line"
    elif has("status") and ((.status | type) != "object" or .status.method != "GET" or (.status.url | address | not))
      then "its status action is not a GET of an http(s) address on one line"
    elif (.upload.headers | length) > 50 then "it asks for more than 50 headers"
    elif ([.upload.headers | keys[] | token | not] | any) then "a header name is not a valid HTTP header name"
    elif ([.upload.headers[] | one_line | not] | any) then
      "a header value is not a single line of text (it holds a line break or another control character)"
    elif has("delete") and (.delete | action | not) then
      "its delete action is not a method, an http(s) address on one line and plain headers"
    elif .removeAfter != null and (.removeAfter | instant | not) then "its removeAfter is not an ISO-8601 UTC time"
    elif has("lifetime") and (.lifetime | type == "string" and test("^[a-z0-9]{1,16}$") | not) then
      "its lifetime is not a short label such as 7d"
    else empty end' "$workdir/ticket.json") || reason="it could not be read"
  [[ -z $reason ]] && return 0
  failed "$EXIT_UNREACHABLE" false "the server at $endpoint sent a ticket this script will not use: $reason;" \
    "nothing was uploaded. Check that the address is your Pinhole server (--endpoint, PINHOLE_URL or the config file)."
}

ticket_refusal() {
  local http_status=$1 code message
  if [[ $http_status == 5?? ]]; then
    failed "$EXIT_UPLOAD" true "the Pinhole server had a problem (HTTP $http_status)"
    return 1
  elif [[ $http_status == 429 ]]; then
    failed "$EXIT_UPLOAD" true "the Pinhole server is busy (HTTP 429, too many requests)"
    return 1
  fi
  code=$(jq -r '.error.code // empty' "$workdir/ticket.json" 2>/dev/null || true)
  message=$(jq -r '.error.message // empty' "$workdir/ticket.json" 2>/dev/null || true)
  if [[ -z $code || -z $message ]]; then
    # Gateways and proxies answer {"message": "..."}; worth showing, but it is not Pinhole speaking.
    message=$(jq -r 'if (.message | type) == "string" then " (\(.message))" else empty end' \
      "$workdir/ticket.json" 2>/dev/null || true)
    failed "$EXIT_UNREACHABLE" false "the server at $endpoint answered HTTP $http_status$message, not like" \
      "a Pinhole server. Check the address (--endpoint, PINHOLE_URL or the config file)."
    return 1
  fi
  case $code in
    unauthorized) message+=" Give the token with --token, the PINHOLE_TOKEN variable or 'token = ...' in $(config_file)." ;;
    unsupported_extension) [[ -n $ext_option ]] || message+=" (The type was taken from the file name or its first bytes; --ext sets it.)" ;;
    invalid_lifetime) message+=" (--lifetime $lifetime; $endpoint/api/limits lists what this server offers.)" ;;
  esac
  refusal_code=$code
  failed "$EXIT_REFUSED" false "refused by the server: $message"
}

# PUTs the bytes to the presigned URL with exactly the headers the ticket lists.
put_image() {
  local path=$1 url http_status header headers=() progress_args=(-sS) errors="$workdir/curl.err"
  url=$(jq -r '.upload.url' "$workdir/ticket.json")
  while IFS= read -r header; do
    headers+=(-H "$header")
  done < <(jq -r '.upload.headers | to_entries[] | "\(.key): \(.value)"' "$workdir/ticket.json")
  : >"$errors"
  if [[ -t 2 ]]; then
    # A person is watching: curl draws its progress bar (and its own error line) on the terminal.
    progress_args=(--progress-bar)
    errors=/dev/stderr
  fi
  # --upload-file streams the file (--data-binary would read it all into memory first).
  if ! http_status=$(curl "${CURL_SAFE[@]}" "${progress_args[@]}" -o "$workdir/put.out" -w '%{http_code}' \
      --connect-timeout 10 --speed-limit 1 --speed-time 60 \
      ${headers[@]+"${headers[@]}"} --upload-file "$path" "$url" 2>"$errors"); then
    failed "$EXIT_UPLOAD" true "the upload to the storage failed ($(curl_detail))"
    return 1
  fi
  if [[ $http_status == 2?? ]]; then
    return 0
  fi
  storage_refusal "$http_status"
}

# S3 answers in XML: <Error><Code>SignatureDoesNotMatch</Code><Message>...</Message></Error>.
storage_refusal() {
  local http_status=$1 body code="" why
  body=$(cat "$workdir/put.out")
  [[ $body =~ \<Code\>([^<]*)\</Code\> ]] && code=${BASH_REMATCH[1]}
  case $code in
    SignatureDoesNotMatch) why="the upload did not match its ticket" ;;
    AccessDenied) why="the storage denied it (the ticket may have expired; check this machine's clock)" ;;
    PreconditionFailed) why="an image already exists under this ticket's key" ;;
    BadDigest) why="the file changed while it was being uploaded" ;;
    EntityTooLarge|EntityTooSmall|IncompleteBody) why="the file's size changed while it was being uploaded" ;;
    *) why="the storage refused it" ;;
  esac
  failed "$EXIT_UPLOAD" "$([[ $http_status == 5?? ]] && echo true || echo false)" \
    "upload failed: $why (HTTP $http_status${code:+, $code})"
}

finish() {
  local link
  link=$(jq -r '.url' "$workdir/ticket.json")
  links+=("$link")
  if [[ $json == true ]]; then
    jq -c --slurpfile status "$workdir/status.json" \
      '. + {state: $status[0].state} + ($status[0] | if has("removed") then {removed} else {} end)' \
      "$workdir/ticket.json"
  else
    printf '%s\n' "$link"
  fi
  progress "$1: uploaded"
  tell_lifetime_and_delete "$1" "$link"
}

# Says when the image goes (always: it is part of what happened, like the metadata removed) and, to a
# person watching, how to take it back.
tell_lifetime_and_delete() {
  local name=$1 link=$2 remove_after
  remove_after=$(jq -r '.removeAfter // empty' "$workdir/ticket.json")
  if [[ -n $remove_after ]]; then
    warn "$name: will be removed after ${remove_after%%T*} ${remove_after:11:8} UTC" \
      "(lifetime $(jq -r '.lifetime // "?"' "$workdir/ticket.json"))"
  fi
  if [[ -n $saved_state ]]; then
    progress "$name: to delete it: $0 --delete $link"
  elif [[ $save_state != true ]] && jq -e 'has("delete")' "$workdir/ticket.json" >/dev/null; then
    if [[ $json == true ]]; then
      progress "$name: its delete action is only in the JSON line above (--no-state)"
    else
      progress "$name: its delete action was not saved (--no-state), so it cannot be deleted"
    fi
  fi
}

# --- delete ------------------------------------------------------------------------------------

# One --delete argument: finds its delete action (in the state file, or in the JSON line given),
# performs it verbatim and says what came of it. Failures are recorded like a file's.
delete_image() {
  local argument link file=""
  argument=$(trim "$1")
  if [[ $argument == \{* ]]; then
    if ! printf '%s' "$argument" | jq -cse 'if length == 1 and (.[0] | type) == "object" then .[0] else error end' \
        >"$workdir/entry.json" 2>/dev/null; then
      fail_file "$EXIT_USAGE" "--delete" "the argument starts like a JSON line but is not one JSON object;" \
        "give a link, or a whole line of the state file or of --json output, in single quotes"
      return 0
    fi
    file=$(state_file) || file=""
  else
    if ! file=$(state_file); then
      fail_file "$EXIT_NOT_SAVED" "$argument" "no state file to look it up in: neither XDG_STATE_HOME nor HOME is set"
      return 0
    fi
    find_saved "$file" "$argument" || return 0
  fi
  # The entry's own link (the argument may have been its key); only a printable one goes into messages.
  link=$(jq -r "$JQ_CHECKS"'[.link, .url, .delete.url] | map(select(one_line and length <= 2048)) | .[0] // "the image"' \
    "$workdir/entry.json")
  if ! jq -e "$JQ_CHECKS"'.delete | action' "$workdir/entry.json" >/dev/null 2>&1; then
    fail_file "$EXIT_USAGE" "$link" "the saved line has no delete action this script will use" \
      "(a method, an http(s) address on one line and plain headers)"
    return 0
  fi
  perform_delete "$link" && forget_deleted "$file" "$link"
  return 0
}

# Writes the last saved entry for LINK (or a key) to entry.json, or records why there is none.
find_saved() {
  local file=$1 link=$2 hint
  hint="Only uploads made as this user with this script (without --no-state) are saved there; for a line"
  hint+=" saved elsewhere (e.g. from --json), give the line itself: $PROG --delete '<the JSON line>'"
  if [[ ! -f $file ]]; then
    fail_file "$EXIT_NOT_SAVED" "$link" "no delete action saved for it: $file does not exist. $hint"
    return 1
  fi
  if ! jq -R -c --arg link "$link" '(try fromjson catch null)
      | select(type == "object" and (.link == $link or .key == $link) and (.delete | type) == "object")' \
      "$file" 2>"$workdir/jq.err" | tail -n 1 >"$workdir/entry.json"; then
    fail_file "$EXIT_NOT_SAVED" "$link" "cannot read $file: $(head -n 1 "$workdir/jq.err")"
    return 1
  fi
  if [[ ! -s $workdir/entry.json ]]; then
    fail_file "$EXIT_NOT_SAVED" "$link" "no delete action saved for it in $file. $hint"
    return 1
  fi
}

# The delete action exactly as saved: its method, its URL, its headers (in a private file, so the token
# is not on curl's command line). One more try after a second on a network or server error, as it is
# safe to repeat: a second delete answers 410. Returns 0 when the image is gone (deleted now or before).
perform_delete() {
  local link=$1 method url http_status try
  method=$(jq -r '.delete.method' "$workdir/entry.json")
  url=$(jq -r '.delete.url' "$workdir/entry.json")
  jq -r '(.delete.headers // {}) | to_entries[] | "\(.key): \(.value)"' "$workdir/entry.json" >"$workdir/delete.headers"
  for try in 1 2; do
    if ! http_status=$(http "$workdir/deleted.json" --max-time 30 --max-filesize 65536 -X "$method" \
        -H "@$workdir/delete.headers" "$url"); then
      failed "$EXIT_UNREACHABLE" true "cannot reach the Pinhole server at ${url%%/api/*} ($(curl_detail))"
    else
      delete_outcome "$link" "$http_status" "$url" && return 0
    fi
    if [[ $retryable != true || $try == 2 ]]; then
      break
    fi
    progress "$link: $failure_message; trying once more ..."
    sleep 1
  done
  fail_file "$failure_code" "$link" "$failure_message"
  return 1
}

# Reads one answer to a delete: 0 when the image is gone; otherwise sets the failure (via failed).
delete_outcome() {
  local link=$1 http_status=$2 url=$3 code message
  code=$(jq -r "$JQ_CHECKS"'.error.code | select(one_line and test("^[a-z0-9_]{1,64}$"))' "$workdir/deleted.json" 2>/dev/null || true)
  message=$(jq -r "$JQ_CHECKS"'.error.message | select(one_line and length <= 500)' "$workdir/deleted.json" 2>/dev/null || true)
  case $http_status:$code in
    200:) if jq -e '.state == "deleted"' "$workdir/deleted.json" >/dev/null 2>&1; then
            printf 'Deleted %s.\n' "$link"
            return 0
          fi ;;
    410:?*) printf '%s was already deleted.\n' "$link"; return 0 ;;
    404:?*) failed "$EXIT_NO_SUCH_IMAGE" false "no such image (expired?): the server has no image at this link;" \
              "its lifetime may have ended, or the server refused it when it checked it"; return 1 ;;
    403:?*) failed "$EXIT_REFUSED" false "refused by the server: ${message:-the delete token does not match} ($code);" \
              "nothing was deleted. The delete action does not belong to this image, or it was changed"; return 1 ;;
    5??:*) failed "$EXIT_UPLOAD" true "the Pinhole server had a problem (HTTP $http_status)"; return 1 ;;
    429:*) failed "$EXIT_UPLOAD" true "the Pinhole server is busy (HTTP 429, too many requests)"; return 1 ;;
    *:?*) [[ -z $message ]] || { failed "$EXIT_REFUSED" false "refused by the server: $message ($code)"; return 1; } ;;
  esac
  failed "$EXIT_UNREACHABLE" false "the server at ${url%%/api/*} answered the delete with HTTP $http_status," \
    "not like a Pinhole server; the image may still be there"
}

# Marks LINK's entries deleted in the state file, so that a look at it tells what is still online.
forget_deleted() {
  local file=$1 link=$2
  [[ -n $file && -f $file ]] || return 0
  with_state "$file" mark_deleted_in "$file" "$link" "$(now_utc)" \
    || warn "$link: deleted, but it could not be marked as deleted in $file"
}

# --- clipboard ---------------------------------------------------------------------------------

# Prints the command that puts stdin on the clipboard here, or nothing.
clipboard_tool() {
  if [[ -n ${WAYLAND_DISPLAY:-} ]] && command -v wl-copy >/dev/null 2>&1; then
    echo wl-copy
  elif [[ -n ${DISPLAY:-} ]] && command -v xclip >/dev/null 2>&1; then
    echo xclip
  elif [[ -n ${DISPLAY:-} ]] && command -v xsel >/dev/null 2>&1; then
    echo xsel
  elif command -v pbcopy >/dev/null 2>&1; then
    echo pbcopy
  fi
}

# The X11 and Wayland tools stay in the background to serve the clipboard: their output goes to
# /dev/null, or `$(upload.sh --copy ...)` would wait for them to exit.
copy_links() {
  local tool=$1 text
  text=$(printf '%s\n' "${links[@]}")
  case $tool in
    wl-copy) printf '%s' "$text" | wl-copy >/dev/null 2>&1 ;;
    xclip) printf '%s' "$text" | xclip -selection clipboard >/dev/null 2>&1 ;;
    xsel) printf '%s' "$text" | xsel --clipboard --input >/dev/null 2>&1 ;;
    pbcopy) printf '%s' "$text" | pbcopy >/dev/null 2>&1 ;;
  esac || warn "--copy: $tool failed; the link(s) are not on the clipboard"
}

# --- main --------------------------------------------------------------------------------------

# A private work directory (mktemp -d makes it mode 700), removed on every way out.
start_work() {
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  workdir=$(mktemp -d "${TMPDIR:-/tmp}/pinhole-upload.XXXXXX")
}

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  [[ $lock_held != true ]] || rmdir "$state_lock" 2>/dev/null || true
  [[ -z $workdir ]] || rm -rf "$workdir"
}

main() {
  local clipboard="" file index=0 argument
  parse_args "$@"
  check_tools
  if ((${#deletes[@]})); then
    start_work
    for argument in "${deletes[@]}"; do
      delete_image "$argument"
    done
    exit "$status"
  fi
  resolve_settings
  if [[ $copy == true ]]; then
    clipboard=$(clipboard_tool)
    [[ -n $clipboard ]] || warn "--copy: no clipboard tool found (install wl-clipboard, xclip or xsel);" \
      "the link(s) are only printed"
  fi
  start_work
  # The token goes to curl in a file (mode 600 inside a private directory), never on its command line.
  [[ -z $token ]] || printf 'x-pinhole-token: %s\n' "$token" >"$workdir/token.header"
  for file in "${files[@]}"; do
    index=$((index + 1))
    file_error_code=0
    upload_file "$file"
    if ((file_error_code == EXIT_UNREACHABLE && index < ${#files[@]})); then
      warn "not trying the remaining $((${#files[@]} - index)) file(s):" \
        "the server is not reachable or not a Pinhole server"
      break
    fi
    if [[ $refusal_code == invalid_lifetime ]] && ((index < ${#files[@]})); then
      warn "not trying the remaining $((${#files[@]} - index)) file(s): the server does not offer that lifetime"
      break
    fi
  done
  if [[ -n $clipboard ]] && ((${#links[@]})); then
    copy_links "$clipboard"
  fi
  exit "$status"
}

main "$@"
