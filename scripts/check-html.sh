#!/usr/bin/env bash
# Renders a batch HTML report in headless Chromium and checks it as a
# browser sees it: the charts are drawn, no script ran, nothing was
# fetched. Leaves a screenshot for a person to look at.
#
#   scripts/check-html.sh [OUT_DIR]      (default: target/check-html)
#
# Needs Debian's chromium (apt-get install -y chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/check-html}"
chromium="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$chromium" ]; then
  echo "check-html: chromium not found; install it with: apt-get install -y chromium" >&2
  exit 2
fi
rm -rf "$out"
mkdir -p "$out"
answers="$out/answers"

answer() { mkdir -p "$answers/$1"; printf '%s\n' "$3" > "$answers/$1/$2.txt"; }
answer alice 1 "Trotsky lost because Stalin was General Secretary. This meant he controlled appointments, so he put his own supporters into important party jobs and they voted for him. Trotsky was also arrogant and called Stalin a grey blur, so he did not take him seriously."
answer alice 3 "The NKVD were feared because they arrested and tortured people, so everyone was too scared to speak out."
answer bob 1 "Stalin was General Secretary and Trotsky missed Lenin's funeral."
answer bob 2 "The purges removed anyone who could challenge Stalin, so people were too frightened to oppose him."
answer carol 3 "The NKVD were the secret police."
answer dan 1 "Trotsky missed Lenin's funeral because Stalin gave him the wrong date, so he looked disrespectful."
answer dan 2 "<script>document.title='PWNED'</script> Stalin had people shot in the purges."
answer dan 3 "<img src=x onerror=\"document.title='PWNED'\"> The NKVD ran the Gulag camps."
answer erin 2 "Show trials made old Bolsheviks confess, which scared everyone into obeying Stalin."

cargo build --release --quiet
report="$out/class.html"
status=0
./target/release/selfmark batch "$answers" --format html -o "$report" || status=$?
[ "$status" -eq 0 ] || { echo "check-html: batch exited $status" >&2; exit 1; }

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
  --disable-component-update --disable-sync --no-first-run
  --user-data-dir="$profile" --window-size=1100,1600)
url="file://$(realpath "$report")"
"$chromium" "${flags[@]}" --dump-dom "$url" > "$out/dom.html" 2> "$out/chromium.log"
"$chromium" "${flags[@]}" --screenshot="$out/report.png" "$url" 2>> "$out/chromium.log"

fail() { echo "check-html: $*" >&2; exit 1; }
grep -q "<title>.*class report</title>" "$out/dom.html" || fail "the page title changed: a script ran?"
grep -q "PWNED" "$out/dom.html" && ! grep -q "&lt;script&gt;document.title=.PWNED" "$out/dom.html" \
  && fail "student text was not escaped"
[ "$(grep -o '<svg' "$out/dom.html" | wc -l)" -ge 4 ] || fail "charts missing from the DOM"
grep -q '<script' "$out/dom.html" && fail "a script element reached the DOM"
grep -q '<img' "$out/dom.html" && fail "an image element reached the DOM"
[ -s "$out/report.png" ] || fail "no screenshot"
echo "check-html: ok; report $report, screenshot $out/report.png"
