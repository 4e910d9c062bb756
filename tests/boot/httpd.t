#!/usr/bin/env bash
# httpd on QEMU user networking with a ustar disk made from a directory: files come
# back byte for byte (SHA-256), HEAD, 404, keep-alive, errors, redirects, and the
# server keeps serving after malformed requests.
. "$(dirname "$0")/../lib/tap.sh"
. "$TOP/tests/lib/net.sh"
IMG=$APPS/httpd.img
plan 25

work=$(mktemp -d)
at_exit "rm -rf $work"
site=$work/site
mkdir -p "$site/sub" "$site/docs"
head -c 612 /dev/urandom | base64 -w 0 | head -c 612 >"$site/index.html"
printf 'body { color: #333; }\n' >"$site/style.css"
head -c 70000 /dev/urandom >"$site/sub/data.bin"	# cached at boot
head -c 300000 /dev/urandom >"$site/big.bin"		# over the cache limit: streamed
: >"$site/empty.txt"
printf '<p>docs</p>\n' >"$site/docs/index.html"
printf 'spaces\n' >"$site/with space.txt"
tar --format=ustar -C "$site" -cf "$work/site.img" .

port=$(free_port)
base=http://127.0.0.1:$port
vm_start httpd --disk "$work/site.img" --fwd "$port:80" "$IMG"
ok "httpd starts and serves the archive" wait_log "$LOG" 'httpd: serving 7 files from .* on port 80' 60

# each file, byte for byte
for f in index.html style.css sub/data.bin big.bin empty.txt "with space.txt"; do
	url=$base/$(printf '%s' "$f" | sed 's/ /%20/g')
	got=$(curl -sf --max-time 20 "$url" | sha256sum | cut -d' ' -f1)
	want=$(sha256sum <"$site/$f" | cut -d' ' -f1)
	is "GET /$f: SHA-256 matches" "$got" "$want"
done
is "GET /: the index" "$(curl -sf --max-time 10 "$base/" | sha256sum)" \
	"$(sha256sum <"$site/index.html")"
is "Content-Type by extension" \
	"$(curl -s -o /dev/null -w '%{content_type}' "$base/style.css")" "text/css; charset=utf-8"

# HEAD: the headers of a GET, no body
hdr=$(curl -sI --max-time 10 "$base/sub/data.bin" | tr -d '\r')
like_head=$(printf '%s\n' "$hdr" | grep -ciE '^(HTTP/1.1 200 OK|Content-Length: 70000)$')
is "HEAD: 200 with the file's Content-Length" "$like_head" 2
is "HEAD: no body" "$(curl -s --max-time 10 -X HEAD "$base/big.bin" -o - | wc -c)" 0

is "404 for a missing file" "$(curl -s -o /dev/null -w '%{http_code}' "$base/nope.html")" 404
is "405 for POST" "$(curl -s -o /dev/null -w '%{http_code}' -d x "$base/")" 405
is "'..' refused with 400" \
	"$(curl -s --path-as-is -o /dev/null -w '%{http_code}' "$base/sub/../../etc/passwd")" 400
is "a directory without its slash: 301 to it" \
	"$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$base/docs")" "301 $base/docs/"
is "a directory's index.html" "$(curl -sf "$base/docs/")" "<p>docs</p>"

# keep-alive: four requests, one connection
is "keep-alive: 4 requests over 1 connection" \
	"$(curl -s -o /dev/null -o /dev/null -o /dev/null -o /dev/null -w '%{num_connects} ' \
		"$base/" "$base/style.css" "$base/sub/data.bin" "$base/")" "1 0 0 0 "

# malformed requests: 400 (or 431), and the next good request still works
bad=$(printf 'GARBAGE \x01\x02\r\n\r\n' | nc -q 5 -w 5 127.0.0.1 "$port" | head -1 | tr -d '\r')
is "malformed request line: 400" "$bad" "HTTP/1.1 400 Bad Request"
big=$( (printf 'GET / HTTP/1.1\r\nHost: x\r\nX: '; head -c 20000 /dev/zero | tr '\0' a; printf '\r\n\r\n') |
	nc -q 5 -w 5 127.0.0.1 "$port" | head -1 | tr -d '\r')
is "oversized headers: 431" "$big" "HTTP/1.1 431 Request Header Fields Too Large"
head -c 100000 /dev/urandom | nc -q 2 -w 5 127.0.0.1 "$port" >/dev/null 2>&1
is "after garbage, a good request: 200" "$(curl -s -o /dev/null -w '%{http_code}' "$base/")" 200

vm_stop "$VM_PID"
no_crash "no crash or error on the console" "$LOG"

# the same disk in 4 MiB of guest RAM
vm_start httpd-4m --mem 4M --disk "$work/site.img" --fwd "$port:80" "$IMG"
ok "in 4 MiB of RAM: serves the archive" wait_log "$LOG" 'httpd: serving 7 files from' 60
is "in 4 MiB: a cached file" "$(curl -sf --max-time 20 "$base/sub/data.bin" | sha256sum)" \
	"$(sha256sum <"$site/sub/data.bin")"
is "in 4 MiB: a streamed file" "$(curl -sf --max-time 20 "$base/big.bin" | sha256sum)" \
	"$(sha256sum <"$site/big.bin")"
vm_stop "$VM_PID"
no_crash "in 4 MiB: no crash or error" "$LOG"
