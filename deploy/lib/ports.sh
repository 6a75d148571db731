# Sourced by deploy/smoke.sh and deploy/fuzz.sh: ports for a whole system run on this machine.
#
# kitos_export_ports PORT...   exports the 11 ports in this order: gateway, NATS, NATS monitor, FerretDB, then the
#                              seven services (identity, catalog, contracts, projects, gdpr, archiving, reporting)
# kitos_free_ports             prints 11 distinct free loopback ports, chosen by the OS

kitos_free_ports() {
  node -e '
    const net = require("node:net");
    (async () => {
      const servers = [];
      for (let i = 0; i < 11; i++) {
        servers.push(await new Promise((res, rej) => { const s = net.createServer(); s.on("error", rej); s.listen(0, "127.0.0.1", () => res(s)); }));
      }
      console.log(servers.map((s) => s.address().port).join(" "));
      servers.forEach((s) => s.close());
    })().catch((e) => { console.error(e); process.exit(1); });'
}

kitos_export_ports() {
  (($# == 11)) || return 1
  export PORT="$1"
  export KITOS_NATS_PORT="$2" KITOS_NATS_MONITOR_PORT="$3" KITOS_FERRETDB_PORT="$4"
  export KITOS_HTTP_PORT_IDENTITY="$5" KITOS_HTTP_PORT_CATALOG="$6" KITOS_HTTP_PORT_CONTRACTS="$7" \
    KITOS_HTTP_PORT_PROJECTS="$8" KITOS_HTTP_PORT_GDPR="$9" KITOS_HTTP_PORT_ARCHIVING="${10}" \
    KITOS_HTTP_PORT_REPORTING="${11}"
}
