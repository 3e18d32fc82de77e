#!/usr/bin/env bash
# Brings the whole hub up on the demo configuration: a durable local Redis, the
# legacy OMS simulator (XML over HTTP, reports progress by itself), the storefront
# simulator (sends a few signed order webhooks, prints the status callbacks it gets),
# a mail sink (prints the customer e-mails), a Mosquitto broker with two registered
# in-store kiosks that sell over MQTT, an X12 trading partner that sends purchase
# orders over HTTP, and the hub (API + workers) from
# config/hub.yaml. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-deps.sh redis fonts mosquitto
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # `npm install` rather than `npm ci`: the lock file cannot list every platform build of
  # optional native add-ons (msgpackr-extract) that the registry may not carry, and `npm ci`
  # refuses such a lock even though nothing on this platform needs them.
  npm install --no-audit --no-fund
fi

# An absolute path: Redis and Mosquitto are given files inside it.
DEMO_DIR="$(mkdir -p "${DEMO_DIR:-.demo}" && cd "${DEMO_DIR:-.demo}" && pwd)"
REDIS_PORT="${DEMO_REDIS_PORT:-6390}"
BROKER_PORT="${DEMO_BROKER_PORT:-18830}"
ORDERS="${DEMO_ORDERS:-3}"
# Each demo starts from an empty Redis: the storefront simulator's orders are the same every run.
rm -rf "$DEMO_DIR/redis" "$DEMO_DIR/mosquitto"
mkdir -p "$DEMO_DIR/redis" "$DEMO_DIR/logs" "$DEMO_DIR/mosquitto"

# Fresh secrets for this run: nothing secret is ever committed.
secret() { node -e "process.stdout.write(require('node:crypto').randomBytes(24).toString('hex'))"; }
export SHOP_WEBHOOK_SECRET="$(secret)" SHOP_CALLBACK_SECRET="$(secret)" SHOP_API_TOKEN="$(secret)" OMS_CALLBACK_SECRET="$(secret)"
export HUB_DEVICE_KEY_SECRET="$(secret)$(secret)" PARCELCO_API_KEY="$(secret)" PARCELCO_WEBHOOK_SECRET="$(secret)"
export X12_NORTHWIND_TOKEN="$(secret)"
export REDIS_URL="redis://127.0.0.1:${REDIS_PORT}" HUB_PORT="${HUB_PORT:-8080}"
export KIOSK_BROKER_URL="mqtt://127.0.0.1:${BROKER_PORT}"
HUB="http://127.0.0.1:${HUB_PORT}"

pids=()
cleanup() {
  trap - EXIT INT TERM
  echo; echo "stopping the demo…"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

echo "== Redis on :${REDIS_PORT} (AOF appendfsync always, noeviction; data in ${DEMO_DIR}/redis)"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DEMO_DIR/redis" --appendonly yes --appendfsync always \
  --maxmemory-policy noeviction --save "" --daemonize no --logfile "$DEMO_DIR/logs/redis.log" &
pids+=($!)

echo "== Mosquitto MQTT broker on :${BROKER_PORT} for the kiosks (persistent sessions in ${DEMO_DIR}/mosquitto)"
{
  echo "listener ${BROKER_PORT} 127.0.0.1"
  echo "allow_anonymous true"
  echo "persistence true"
  echo "persistence_location $DEMO_DIR/mosquitto/"
  echo "log_dest file $DEMO_DIR/logs/mosquitto.log"
  # As root, mosquitto would drop to its own user, who cannot write the demo folder.
  if [ "$(id -u)" -eq 0 ]; then echo "user root"; fi
} >"$DEMO_DIR/mosquitto/mosquitto.conf"
/usr/sbin/mosquitto -c "$DEMO_DIR/mosquitto/mosquitto.conf" &
pids+=($!)

echo "== legacy OMS simulator on :9101 (acknowledges, allocates and ships each order by itself)"
node --import tsx sims/oms-xml/main.ts --port 9101 --callback-url "${HUB}/in/oms-main/status" --auto-progress --stock data/demo-stock.json \
  >"$DEMO_DIR/logs/oms.log" 2>&1 &
pids+=($!)

echo "== parcel carrier simulator on :9104 (labels; moves each booked parcel along every 5 s, with signed webhooks)"
node --import tsx sims/carrier/main.ts --port 9104 --api-key "$PARCELCO_API_KEY" --webhook-url "${HUB}/in/parcels/tracking" \
  --webhook-secret "$PARCELCO_WEBHOOK_SECRET" --auto-progress-ms 5000 >"$DEMO_DIR/logs/carrier.log" 2>&1 &
pids+=($!)

echo "== mail sink on :9125 (customer notices, printed below and kept in ${DEMO_DIR}/mail/)"
node --import tsx sims/mail-sink/main.ts --port 9125 --dir "$DEMO_DIR/mail" &
pids+=($!)

echo "== fax gateway simulator (sends the confirmations the hub drops in ${DEMO_DIR}/fax/out)"
mkdir -p "$DEMO_DIR/fax/in" "$DEMO_DIR/fax/out"
node --import tsx sims/fax-gateway/main.ts --outbox "$DEMO_DIR/fax/out" &
pids+=($!)

echo "== hub on ${HUB} (logs in ${DEMO_DIR}/logs/hub.log)"
node --import tsx src/cli/main.ts start --config config/hub.yaml >"$DEMO_DIR/logs/hub.log" 2>&1 &
pids+=($!)

ready() { node -e "fetch('${HUB}/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; }
for _ in $(seq 1 100); do
  if ready; then break; fi
  sleep 0.2
done
ready || { echo "the hub did not become ready; see ${DEMO_DIR}/logs/hub.log"; tail -20 "$DEMO_DIR/logs/hub.log"; exit 1; }

# The OMS simulator pushes its whole stock once the hub listens (then a delta per order).
node -e "fetch('http://127.0.0.1:9101/_sim/stock/snapshot', { method: 'POST' }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" \
  || echo "(the OMS simulator could not push its stock snapshot; see ${DEMO_DIR}/logs/oms.log)"

# An API token and an admin log-in for this demo run (stored hashed in Redis, shown once).
TOKEN="$(node --import tsx src/cli/main.ts token create demo --role admin --config config/hub.yaml)"
ADMIN_PASSWORD="$(secret)"
HUB_USER_PASSWORD="$ADMIN_PASSWORD" node --import tsx src/cli/main.ts user add admin --role admin --config config/hub.yaml >/dev/null

# Two in-store kiosks, registered through the API: their keys are shown once, kept for the simulator.
HUB="$HUB" TOKEN="$TOKEN" node -e '
  const register = (id, store) => fetch(`${process.env.HUB}/api/devices`, {
    method: "POST", headers: { authorization: `Bearer ${process.env.TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ id, store, label: "demo kiosk" }),
  }).then(async (r) => { if (r.status !== 201) throw new Error(`registering ${id}: ${r.status} ${await r.text()}`); return r.json(); });
  Promise.all([register("kiosk-bath-1", "STORE-BATH"), register("kiosk-brum-1", "STORE-BIRMINGHAM")]).then((issued) => {
    process.stdout.write(JSON.stringify(issued.map(({ device, key }) => ({ deviceId: device.id, store: device.store, keyId: key.keyId, secret: key.secret }))));
  }, (error) => { console.error(error.message); process.exit(1); });
' >"$DEMO_DIR/kiosks.json"
chmod 600 "$DEMO_DIR/kiosks.json"

cat <<TXT

The hub is up. Every /api route needs credentials; for this run:
  API token:  ${TOKEN}
  log-in:     admin / ${ADMIN_PASSWORD}   (POST ${HUB}/auth/login)

Where to look (curl -H "Authorization: Bearer ${TOKEN}" …):
  ${HUB}/readyz                          readiness (Redis durable, workers running), no token needed
  ${HUB}/api/orders?confirmation=CODE    an order by the confirmation code printed below
  ${HUB}/api/orders/HUB_ORDER_ID         one order: canonical form, status and whole timeline
  ${HUB}/api/availability?sku=SKU-0007   stock per DC as the OMS reports it, less orders in flight
  ${HUB}/api/targets                     each target's queue, circuit breaker, last error
  ${HUB}/api/dead-letters                what failed for good (replay: POST …/dead-letters/ID/replay)
  http://127.0.0.1:9101/_sim/orders      what the legacy OMS received
  ${DEMO_DIR}/logs/                      logs of Redis, the OMS simulator and the hub
  ${DEMO_DIR}/mail/                      the customer e-mails, one .eml file each
  ${DEMO_DIR}/fax/in, ${DEMO_DIR}/fax/out       the fax inbox the hub reads, the confirmations it faxes back
  ${HUB}/admin/watch                     parcels in trouble (book a label: POST ${HUB}/api/orders/ID/shipments {"instance":"parcels"})
  ${HUB}/admin/devices                   the two kiosks: their keys and the highest order number the hub holds
  ${DEMO_DIR}/logs/kiosks.log                  the kiosks' uploads over MQTT (offline periods, retries) and status pushed back
  ${DEMO_DIR}/logs/x12-partner.log             a trading partner's 850s over HTTP, and the 997, 855, 856 and 810 it gets back
  ${HUB}/api/acknowledgements            documents sent to trading partners still waiting for their 997

In another terminal: npm run demo:mail-order (an e-mailed order), npm run demo:fax-order (a faxed
order form; add -- --total 6220 for one that goes to review at ${HUB}/admin/failures).

== storefront simulator on :9102 sends ${ORDERS} order(s), then prints the status callbacks it receives:
TXT
echo "== two kiosks sell ${ORDERS} order(s) each over MQTT, going offline and online (log: ${DEMO_DIR}/logs/kiosks.log)"
node --import tsx sims/kiosk/main.ts --devices "$DEMO_DIR/kiosks.json" --transport mqtt --broker "$KIOSK_BROKER_URL" \
  --orders "$ORDERS" --skus SKU-0001,SKU-0002,SKU-0003,SKU-0004,SKU-0005 --tick-ms 500 --listen-ms 600000 --verbose >"$DEMO_DIR/logs/kiosks.log" 2>&1 &
pids+=($!)

echo "== a trading partner (X12, on :9106) sends ${ORDERS} purchase order(s) over HTTP (log: ${DEMO_DIR}/logs/x12-partner.log)"
node --import tsx sims/x12-partner/main.ts --hub-url "${HUB}/in/edi" --token-env X12_NORTHWIND_TOKEN --partner-id NORTHWIND --hub-id DEMOSHOP \
  --version 005010 --send "$ORDERS" --interval-ms 2000 --port 9106 --skus SKU-0001,SKU-0002,SKU-0003 >"$DEMO_DIR/logs/x12-partner.log" 2>&1 &
pids+=($!)

node --import tsx sims/storefront/main.ts --port 9102 --hub-url "${HUB}/in/web-shop" --send "$ORDERS" --interval-ms 1500 &
pids+=($!)
wait "${pids[-1]}"
