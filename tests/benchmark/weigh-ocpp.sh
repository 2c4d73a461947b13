#!/bin/bash
# Run after `mvn -B -q install -DskipTests`; needs coap-client-notls (libcoap3-bin) and UDP ports 15683/15684 free.
# Weighs the OCPP bundle: boot to first answer, idle RSS and threads after 20 s, for a post without the bundle,
# with it off (as shipped), and with it on (pointed at a CSMS that is not there, reconnecting).
set -u
SRC="$(cd "$(dirname "$0")/../.." && pwd)/runtime/target/lampyris"
W=$(mktemp -d)
rm -rf $W/absent $W/off
cp -a "$SRC" $W/absent && rm $W/absent/bundles/org.lampyris.ocpp-*.jar
cp -a "$SRC" $W/off
measure() { # variant, home, extra options
  local variant=$1 home=$2; shift 2
  local data; data=$(mktemp -d)
  local start; start=$(date +%s%N)
  "$home/bin/lampyris" --dev --bind 127.0.0.1 --port 15683 --dtls-port 15684 --data-dir "$data" "$@" > "$data/log" 2>&1 &
  local pid=$!
  local boot=""
  for i in $(seq 1 600); do
    if coap-client-notls -B 1 -m get coap://127.0.0.1:15683/light/level 2>/dev/null | grep -q '^[0-9]'; then
      boot=$(( ($(date +%s%N) - start) / 1000000 )); break
    fi
    sleep 0.05
  done
  sleep 20
  local jpid; jpid=$(pgrep -f "lampyris.home=$home" | head -1)
  local rss; rss=$(awk '/VmRSS/ {print $2}' /proc/$jpid/status)
  local threads; threads=$(awk '/Threads/ {print $2}' /proc/$jpid/status)
  echo "$variant boot_ms=$boot rss_kib=$rss threads=$threads"
  kill $jpid; wait $pid 2>/dev/null; rm -rf "$data"
}
for r in 1 2 3; do
  measure absent $W/absent
  measure off $W/off
  measure on $W/off --ocpp-csms ws://127.0.0.1:1/ocpp/WEIGH-1
done
rm -rf "$W"
