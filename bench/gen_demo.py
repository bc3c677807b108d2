#!/usr/bin/env python3
"""Generates Estate CSV imports: the demo estate of the fictional Borough of Eastmoor, or a large
council-shaped estate for the benchmark.

  python3 bench/gen_demo.py                      # writes src/main/resources/demo/{cis,relationships}.csv
  python3 bench/gen_demo.py --bench --cis 100000 --rels 300000 --out /tmp/bench

Deterministic (fixed seed); standard library only. The files are in Estate's import format.
"""
import argparse
import csv
import os
import random

CORE = ["class", "name", "status", "criticality", "owner", "description", "endOfLife", "endOfSupport", "tags"]
ATTRS = ["serviceOwner", "availabilityTarget", "public", "department", "vendor", "version", "hosting", "url", "hostname",
         "ipAddress", "manufacturer", "model", "serialNumber", "operatingSystem", "cpuCores", "memoryGb", "powerWatts",
         "platform", "engine", "port", "instanceName", "deviceType", "managementIp", "firmware", "provider", "circuitId",
         "bandwidthMbps", "storageType", "capacityTb", "accountId", "region", "resourceType", "address", "siteType",
         "telephonyType", "subject", "issuer", "notAfter", "hosts", "dataOwner", "personalData", "specialCategory",
         "lawfulBasis", "retention"]
REL_HEADER = ["source_class", "source_name", "type", "target_class", "target_name", "redundancy_group", "minimum_up"]


class Estate:
    def __init__(self):
        self.cis = []
        self.keys = set()
        self.rels = []
        self.rel_keys = set()

    def ci(self, cls, name, status="live", criticality="medium", owner="", description="", eol="", eos="", tags=(), **attrs):
        key = (cls, name)
        assert key not in self.keys, key
        self.keys.add(key)
        row = {"class": cls, "name": name, "status": status, "criticality": criticality, "owner": owner,
               "description": description, "endOfLife": eol, "endOfSupport": eos, "tags": ";".join(tags)}
        for k, v in attrs.items():
            assert k in ATTRS, k
            row[k] = "true" if v is True else "false" if v is False else str(v)
        self.cis.append(row)
        return key

    def rel(self, source, rtype, target, group="", minimum_up=""):
        k = (source, rtype, target)
        if k in self.rel_keys or source == target:
            return False
        self.rel_keys.add(k)
        self.rels.append([source[0], source[1], rtype, target[0], target[1], group, str(minimum_up) if group else ""])
        return True

    def write(self, out):
        os.makedirs(out, exist_ok=True)
        with open(os.path.join(out, "cis.csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(CORE + ATTRS)
            for row in self.cis:
                w.writerow([row.get(c, "") for c in CORE + ATTRS])
        with open(os.path.join(out, "relationships.csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(REL_HEADER)
            w.writerows(self.rels)


NET, PLAT, DBA, APPS = "Infrastructure – Networks", "Infrastructure – Platforms", "Database team", "Applications"


def demo():
    r = random.Random(2026)
    e = Estate()
    dc1 = e.ci("site", "DC1 Civic Centre", criticality="critical", owner=PLAT, address="Civic Centre, Market Street, Eastmoor EM1 1AA", siteType="datacentre")
    dc2 = e.ci("site", "DC2 Northgate Depot", criticality="high", owner=PLAT, description="Disaster recovery site", address="Northgate Depot, Eastmoor EM4 2QT", siteType="datacentre")
    town_hall = e.ci("site", "Eastmoor Town Hall", criticality="high", owner="Facilities", address="Town Hall Square, Eastmoor EM1 2BB", siteType="office")
    libraries = [e.ci("site", f"{n} Library", criticality="medium", owner="Libraries service", address=f"{n}, Eastmoor", siteType="library")
                 for n in ["Central", "Northgate", "Southfield", "Westbrook", "Hollins Park", "Ashby Green"]]
    depots = [e.ci("site", f"{n} Depot", owner="Waste services", address=f"{n}, Eastmoor", siteType="depot") for n in ["Riverside", "Moor Lane"]]
    schools = [e.ci("site", f"{n} Primary School", criticality="low", owner="Schools ICT", address=f"{n}, Eastmoor", siteType="school")
               for n in ["St Anne's", "Brookside", "Hill Top", "Meadow View"]]
    remote_sites = [town_hall] + libraries + depots + schools

    # Network
    cores, fws = {}, {}
    for dc, tag in ((dc1, "dc1"), (dc2, "dc2")):
        cores[tag] = [e.ci("network-device", f"core-sw-{tag}-{x}", criticality="critical", owner=NET, tags=[tag, "core"],
                           deviceType="switch", managementIp=f"10.{1 if tag == 'dc1' else 2}.0.{i + 1}", manufacturer="Aruba",
                           model="CX 8360", firmware="10.13.1000", serialNumber=f"SG{r.randint(10000000, 99999999)}",
                           eos="2029-10-31") for i, x in enumerate("ab")]
        for c in cores[tag]:
            e.rel(c, "hosted-at", dc)
        fws[tag] = [e.ci("network-device", f"fw-{tag}-{x}", criticality="critical", owner=NET, tags=[tag, "perimeter"],
                         deviceType="firewall", managementIp=f"10.{1 if tag == 'dc1' else 2}.0.{10 + i}", manufacturer="Fortinet",
                         model="FortiGate 600F", firmware="7.2.8", eos="2027-03-31" if tag == "dc2" else "2030-06-30") for i, x in enumerate("ab")]
        for f in fws[tag]:
            e.rel(f, "hosted-at", dc)
            for c in cores[tag]:
                e.rel(f, "connected-via", c, "core-uplinks", 1)
    lbs = [e.ci("network-device", f"lb-dc1-{x}", criticality="high", owner=NET, deviceType="load-balancer", managementIp=f"10.1.0.{20 + i}",
                manufacturer="F5", model="BIG-IP i4800", firmware="16.1.4", eol="2026-03-31", eos="2027-03-31",
                description="Out of software support March 2027: replacement in the 2026/27 capital plan") for i, x in enumerate("ab")]
    for lb in lbs:
        e.rel(lb, "hosted-at", dc1)
        for c in cores["dc1"]:
            e.rel(lb, "connected-via", c, "core-uplinks", 1)
    internet = [e.ci("circuit", f"Internet {p}", criticality="critical", owner=NET, provider=p, circuitId=f"INT-{r.randint(100000, 999999)}", bandwidthMbps=1000)
                for p in ["Jisc", "Openreach Ethernet"]]
    for i, c in enumerate(internet):
        e.rel(c, "connected-via", fws["dc1"][i])
    psn = e.ci("circuit", "PSN connection", criticality="high", owner=NET, provider="PSN provider", circuitId="PSN-0042", bandwidthMbps=100,
               description="Public Services Network: DWP data for Revenues & Benefits")
    e.rel(psn, "connected-via", fws["dc1"][0])
    interlink = e.ci("circuit", "DC1–DC2 dark fibre", criticality="critical", owner=NET, provider="Eastmoor Fibre", circuitId="DF-001", bandwidthMbps=10000)
    e.rel(interlink, "connected-via", cores["dc1"][0])
    e.rel(interlink, "connected-via", cores["dc2"][0])
    access = {}
    for i, site in enumerate(remote_sites):
        short = site[1].split()[0].lower().replace("'", "")
        wan = e.ci("circuit", f"WAN {site[1]}", criticality="medium", owner=NET, provider="Openreach", circuitId=f"WAN-{1000 + i}",
                   bandwidthMbps=1000 if site == town_hall else 100)
        e.rel(wan, "connected-via", cores["dc1"][i % 2])
        e.rel(site, "connected-via", wan)
        sw = e.ci("network-device", f"sw-{short}-{i:02d}", owner=NET, criticality="high" if site == town_hall else "medium",
                  deviceType="switch", managementIp=f"10.{10 + i}.0.2", manufacturer="Aruba", model="CX 6100",
                  firmware="10.10.1040" if i % 3 else "10.08.0001", eos="2025-12-31" if i % 3 == 0 else "2030-12-31")
        e.rel(sw, "hosted-at", site)
        e.rel(sw, "connected-via", wan)
        access[site] = sw
    for lib in libraries:
        for k in range(2):
            ap = e.ci("network-device", f"ap-{lib[1].split()[0].lower()}-{k + 1}", criticality="low", owner=NET, deviceType="wireless-ap",
                      managementIp=f"10.{20 + libraries.index(lib)}.1.{k + 10}", manufacturer="Aruba", model="AP-515", firmware="8.10.0.9")
            e.rel(ap, "connected-via", access[lib])

    # Storage
    san1 = e.ci("storage", "SAN DC1 PowerStore", criticality="critical", owner=PLAT, storageType="san", model="PowerStore 1200T", capacityTb=180, eos="2028-09-30")
    san2 = e.ci("storage", "SAN DC2 PowerStore", criticality="high", owner=PLAT, storageType="san", model="PowerStore 500T", capacityTb=90, eos="2028-09-30")
    nas = e.ci("storage", "Backup NAS DC2", criticality="high", owner=PLAT, storageType="nas", model="Synology FS3410", capacityTb=240)
    e.rel(san1, "hosted-at", dc1)
    e.rel(san2, "hosted-at", dc2)
    e.rel(nas, "hosted-at", dc2)
    for s, dc in ((san1, "dc1"), (san2, "dc2"), (nas, "dc2")):
        for c in cores[dc]:
            e.rel(s, "connected-via", c, "core-uplinks", 1)

    # Hosts and clusters
    def hosts(prefix, n, dc, tag, san):
        out = []
        for i in range(n):
            h = e.ci("server", f"{prefix}-{i + 1:02d}", criticality="high", owner=PLAT, tags=[tag, "vmware"],
                     eos="2026-12-31" if prefix.endswith("old") else "2029-05-31", hostname=f"{prefix}-{i + 1:02d}.eastmoor.local",
                     ipAddress=f"10.{1 if tag == 'dc1' else 2}.10.{i + 10}", manufacturer="Dell", model="PowerEdge R750",
                     serialNumber=f"{r.randint(1000000, 9999999)}", operatingSystem="VMware ESXi 8.0 U3", cpuCores=64, memoryGb=1024,
                     powerWatts=r.choice([550, 600, 650]))
            e.rel(h, "hosted-at", dc)
            for c in cores[tag]:
                e.rel(h, "connected-via", c, "core-uplinks", 1)
            e.rel(h, "depends-on", san)
            out.append(h)
        return out
    prod_hosts = hosts("esx-dc1", 6, dc1, "dc1", san1)
    mgmt_hosts = hosts("esx-mgmt", 2, dc1, "dc1", san1)
    dr_hosts = hosts("esx-dc2", 4, dc2, "dc2", san2)
    prod = e.ci("host-cluster", "DC1-PROD", criticality="critical", owner=PLAT, platform="vmware", version="8.0 U3")
    mgmt = e.ci("host-cluster", "DC1-MGMT", criticality="high", owner=PLAT, platform="vmware", version="8.0 U3")
    dr = e.ci("host-cluster", "DC2-DR", criticality="high", owner=PLAT, platform="vmware", version="8.0 U3")
    for cl, hs in ((prod, prod_hosts), (mgmt, mgmt_hosts), (dr, dr_hosts)):
        for h in hs:
            e.rel(cl, "runs-on", h, "cluster-nodes", max(1, len(hs) - 2))

    vm_counter = [0]

    def vm(name, os_name="Windows Server 2022", cluster=prod, crit="high", cpu=4, mem=16):
        vm_counter[0] += 1
        v = e.ci("virtual-machine", name, criticality=crit, owner=PLAT, hostname=f"{name}.eastmoor.local",
                 ipAddress=f"10.1.{40 + vm_counter[0] // 200}.{vm_counter[0] % 200 + 10}", operatingSystem=os_name, cpuCores=cpu, memoryGb=mem,
                 platform="vmware", eos="2026-10-13" if "2012" in os_name else "")
        e.rel(v, "runs-on", cluster)
        return v

    # Platform services
    for n, os_name in (("dc01", "Windows Server 2022"), ("dc02", "Windows Server 2022")):
        vm(n, os_name, mgmt, "critical", 4, 8)
    ad = e.ci("application", "Active Directory", criticality="critical", owner=PLAT, vendor="Microsoft", version="2016 forest level", hosting="on-premises")
    e.rel(ad, "runs-on", ("virtual-machine", "dc01"), "domain-controllers", 1)
    e.rel(ad, "runs-on", ("virtual-machine", "dc02"), "domain-controllers", 1)
    tenant = e.ci("cloud-resource", "Microsoft 365 tenant", criticality="critical", owner=PLAT, provider="azure", accountId="eastmoor.onmicrosoft.com", region="uk-south", resourceType="m365-tenant")
    backup_vault = e.ci("cloud-resource", "Azure Backup vault", criticality="high", owner=PLAT, provider="azure", accountId="sub-infra-prod", region="uk-south", resourceType="recovery-services-vault")
    m365 = e.ci("application", "Microsoft 365", criticality="critical", owner=PLAT, vendor="Microsoft", hosting="saas", url="https://www.office.com")
    e.rel(m365, "depends-on", tenant)
    for c in internet:
        e.rel(m365, "connected-via", c, "internet", 1)
    e.rel(m365, "uses", ad)
    sql_cluster = [vm(f"sql-dc1-{i}", "Windows Server 2022", prod, "critical", 8, 64) for i in (1, 2)]
    pg_vm = vm("pg-dc1-1", "Ubuntu 24.04 LTS", prod, "high", 8, 32)
    old_sql = vm("sql-legacy-1", "Windows Server 2012 R2", prod, "medium", 4, 32)

    year_end = "2026-11-22"
    cert_days = [12, 40, 75, 200, 300, 400, -5]

    services = [
        ("Council Tax payments", "Revenues & Benefits", True, 99.9, "critical", [("Revenues system", "Civitas Revenues", "sql-server", True), ("Online payments", "PayPoint Connect", "saas", True)]),
        ("Housing Benefit claims", "Revenues & Benefits", True, 99.5, "high", [("Benefits system", "Civitas Benefits", "sql-server", True)]),
        ("Waste collection booking", "Environment", True, 99.5, "high", [("Waste booking portal", "BinDay", "postgresql", True), ("Crew routing", "RouteSmart-like", "postgresql", False)]),
        ("Libraries catalogue and public PCs", "Communities", True, 99.0, "medium", [("Library management system", "Spine LMS", "saas", True), ("Public PC booking", "PC Booker", "sql-server", False)]),
        ("Adult social care case management", "Adult Social Care", False, 99.9, "critical", [("Care records", "CareFirst-like", "sql-server", False), ("Care finance", "Care Finance", "sql-server", False)]),
        ("Children's social care", "Children's Services", False, 99.9, "critical", [("Children's case records", "Child Records", "sql-server", False)]),
        ("Housing repairs", "Housing", True, 99.0, "high", [("Repairs portal", "Repairs Online", "postgresql", True), ("Housing management", "Housing Manager", "oracle", False)]),
        ("Planning applications", "Place", True, 99.0, "medium", [("Planning portal", "Planning Online", "postgresql", True)]),
        ("Parking permits", "Place", True, 99.0, "medium", [("Permits portal", "Permit Smart", "mariadb", True)]),
        ("Electoral registration", "Democratic Services", True, 99.5, "high", [("Electoral management", "Electoral Register", "sql-server", False)]),
        ("Payroll and HR", "Resources", False, 99.5, "high", [("HR and payroll", "iPeople", "saas", False)]),
        ("Email and collaboration", "Resources", False, 99.9, "critical", []),
        ("Council website", "Communications", True, 99.9, "critical", [("Website CMS", "Drupal", "mariadb", True)]),
        ("Contact centre", "Customer Services", True, 99.5, "critical", []),
    ]
    for si, (svc_name, dept, public, target, crit, apps) in enumerate(services):
        svc = e.ci("business-service", svc_name, criticality=crit, owner=dept, tags=["public"] if public else [],
                   serviceOwner=f"Head of {dept}", availabilityTarget=target, public=public, department=dept,
                   description=f"{svc_name} for Eastmoor residents and staff")
        asset = e.ci("information-asset", f"{svc_name} records", criticality=crit, owner=dept, dataOwner=f"Head of {dept}",
                     personalData=svc_name not in ("Council website", "Planning applications"),
                     specialCategory=svc_name in ("Adult social care case management", "Children's social care"),
                     lawfulBasis="public-task", retention="6 years after closure" if "care" in svc_name else "6 years")
        if svc_name == "Email and collaboration":
            e.rel(svc, "depends-on", m365)
            e.rel(asset, "depends-on", m365)
            continue
        if svc_name == "Contact centre":
            cc = e.ci("telephony", "Contact centre platform", criticality="critical", owner="Customer Services", telephonyType="contact-centre", provider="8x8-like cloud")
            sip = e.ci("telephony", "SIP trunks", criticality="critical", owner=NET, telephonyType="sip-trunk", provider="Gamma-like")
            pbx = e.ci("telephony", "Town Hall PBX", status="maintenance", criticality="medium", owner=NET, telephonyType="pbx", provider="Mitel-like", eos="2025-06-30",
                       description="Being replaced by the cloud contact centre")
            e.rel(svc, "depends-on", cc)
            e.rel(cc, "uses", sip)
            for c in internet:
                e.rel(sip, "connected-via", c, "internet", 1)
            e.rel(pbx, "connected-via", access[town_hall])
            e.rel(asset, "depends-on", cc)
            continue
        for ai, (app_name, product, engine, web) in enumerate(apps):
            saas = engine == "saas"
            app = e.ci("application", app_name, criticality=crit, owner=APPS, tags=["web"] if web else [], vendor=product,
                       version=f"{r.randint(3, 12)}.{r.randint(0, 9)}", hosting="saas" if saas else "on-premises",
                       url=f"https://{app_name.lower().replace(' ', '-').replace(chr(39), '')}.eastmoor.gov.example" if web else "")
            e.rel(svc, "depends-on", app)
            e.rel(asset, "depends-on", app)
            if saas:
                for c in internet:
                    e.rel(app, "connected-via", c, "internet", 1)
                e.rel(app, "uses", ad)
                continue
            short = "".join(w[0] for w in app_name.split()).lower() + str(si)
            app_vms = [vm(f"{short}-app-{k + 1}", "Windows Server 2022" if engine == "sql-server" else "Ubuntu 22.04 LTS", prod, crit) for k in range(2 if web else 1)]
            for v in app_vms:
                e.rel(app, "runs-on", v, "app-servers" if len(app_vms) > 1 else "", 1 if len(app_vms) > 1 else "")
            e.rel(app, "uses", ad)
            if engine == "sql-server":
                host_vm = sql_cluster if crit == "critical" else [old_sql if si % 3 == 0 else sql_cluster[0]]
                db = e.ci("database", f"{short.upper()}_DB", criticality=crit, owner=DBA, engine="sql-server", version="2019" if host_vm != [old_sql] else "2012",
                          port=1433, instanceName="MSSQLSERVER", eos="2022-07-12" if host_vm == [old_sql] else "2030-01-08")
                for v in host_vm:
                    e.rel(db, "runs-on", v, "sql-ag" if len(host_vm) > 1 else "", 1 if len(host_vm) > 1 else "")
            elif engine == "oracle":
                ovm = vm(f"{short}-ora-1", "Oracle Linux 8", prod, crit, 8, 64)
                db = e.ci("database", f"{short.upper()}PRD", criticality=crit, owner=DBA, engine="oracle", version="19c", port=1521, instanceName=f"{short.upper()}PRD")
                e.rel(db, "runs-on", ovm)
            else:
                db = e.ci("database", f"{short}_{engine}", criticality=crit, owner=DBA, engine=engine, version="16" if engine == "postgresql" else "10.11",
                          port=5432 if engine == "postgresql" else 3306, instanceName=short)
                e.rel(db, "runs-on", pg_vm if engine == "postgresql" else app_vms[0])
            e.rel(app, "depends-on", db)
            e.rel(db, "backed-up-by", nas)
            e.rel(db, "backed-up-by", backup_vault)
            if crit == "critical":
                drvm = vm(f"{short}-dr-1", "Windows Server 2022", dr, "high")
                drdb = e.ci("database", f"{db[1]}_DR", status="live", criticality="high", owner=DBA, engine=engine,
                            port=1433 if engine == "sql-server" else 5432, description="Log-shipped copy at DC2")
                e.rel(drdb, "runs-on", drvm)
                e.rel(db, "replicates-to", drdb)
            if web:
                days = cert_days[(si + ai) % len(cert_days)]
                import datetime
                not_after = (datetime.date(2026, 11, 22) + datetime.timedelta(days=days)).isoformat()
                cert = e.ci("certificate", f"{app_name} TLS", criticality=crit, owner=NET, subject=f"CN={app_name.lower().replace(' ', '-')}.eastmoor.gov.example",
                            issuer="Sectigo RSA Domain Validation", notAfter=not_after, hosts=f"{app_name.lower().replace(' ', '-')}.eastmoor.gov.example",
                            tags=["expired"] if days < 0 else ["expiring"] if days < 90 else [])
                e.rel(app, "uses", cert)
                for lb in lbs:
                    e.rel(app, "depends-on", lb, "load-balancers", 1)
    # Planned work to show other statuses.
    e.ci("virtual-machine", "ai-pilot-1", status="planned", criticality="low", owner=PLAT, operatingSystem="Ubuntu 24.04 LTS", cpuCores=16, memoryGb=128, platform="vmware")
    e.ci("server", "esx-dc1-old-07", status="retired", criticality="low", owner=PLAT, manufacturer="HPE", model="ProLiant DL380 Gen9", eol="2024-03-31", eos="2024-03-31")
    # The infrastructure's own servers.
    infra = [("file", "File server", 4), ("print", "Print server", 2), ("wsus", "Windows Update server", 1),
             ("sccm", "Endpoint management", 2), ("mon", "Monitoring", 2), ("proxy", "Web proxy", 2), ("radius", "RADIUS / NPS", 2),
             ("ca", "Certificate authority", 1), ("veeam", "Backup proxy", 3), ("jump", "Admin jump host", 2), ("ftp", "Secure file transfer", 1),
             ("sftp-psn", "PSN gateway", 1), ("kms", "Licensing server", 1), ("rds", "Remote desktop host", 6), ("citrix", "Citrix delivery", 4)]
    for short, label, count in infra:
        app = e.ci("application", label, criticality="high" if short in ("file", "proxy", "radius", "rds") else "medium", owner=PLAT, hosting="on-premises")
        e.rel(app, "uses", ad)
        vms = [vm(f"{short}-{k + 1:02d}", "Windows Server 2012 R2" if short in ("ftp", "kms") else "Windows Server 2022", prod if short != "veeam" else dr,
                  "medium") for k in range(count)]
        for v in vms:
            e.rel(app, "runs-on", v, "servers" if count > 1 else "", max(1, count - 1) if count > 1 else "")
        if short == "sftp-psn":
            e.rel(app, "connected-via", psn)
        if short == "veeam":
            e.rel(app, "depends-on", nas)
    _ = year_end
    return e


def bench(n_cis, n_rels):
    r = random.Random(7)
    e = Estate()
    # Proportions of a council estate, scaled: sites, network, hosts, clusters, VMs, databases, applications, services.
    n_sites = max(4, n_cis // 500)
    n_core = max(4, n_cis // 5000)
    n_access = max(8, n_cis // 50)
    n_hosts = max(12, n_cis // 25)
    n_clusters = max(3, n_hosts // 10)
    n_storage = max(2, n_cis // 1000)
    n_services = max(5, n_cis // 40)
    n_apps = max(10, n_cis // 6)
    n_dbs = max(10, n_cis // 8)
    n_vms = n_cis - (n_sites + n_core + n_access + n_hosts + n_clusters + n_storage + n_services + n_apps + n_dbs)
    sites = [e.ci("site", f"site-{i:04d}", siteType="datacentre" if i < 2 else "office") for i in range(n_sites)]
    cores = [e.ci("network-device", f"core-sw-{i:03d}", criticality="critical", deviceType="switch") for i in range(n_core)]
    access = [e.ci("network-device", f"access-sw-{i:05d}", deviceType="switch") for i in range(n_access)]
    hosts = [e.ci("server", f"host-{i:05d}", cpuCores=64, memoryGb=1024, powerWatts=600) for i in range(n_hosts)]
    clusters = [e.ci("host-cluster", f"cluster-{i:04d}", platform="vmware") for i in range(n_clusters)]
    storage = [e.ci("storage", f"san-{i:04d}", storageType="san", capacityTb=100) for i in range(n_storage)]
    services = [e.ci("business-service", f"service-{i:05d}", criticality="high", public=True) for i in range(n_services)]
    apps = [e.ci("application", f"app-{i:06d}", hosting="on-premises") for i in range(n_apps)]
    dbs = [e.ci("database", f"db-{i:06d}", engine="postgresql", port=5432) for i in range(n_dbs)]
    vms = [e.ci("virtual-machine", f"vm-{i:06d}", criticality=r.choice(["high", "medium", "low"]), cpuCores=4, memoryGb=16, platform="vmware") for i in range(n_vms)]
    # The network is built of pods: each pod's access switches hang off a pair of core switches
    # (redundancy group, one is enough), except pod 0, an older pod on core-sw-000 alone, so
    # that one core switch failing takes a pod down (10,000+ CIs) and the others only degrade.
    n_pods = max(2, n_core // 2)
    pod_access = [[] for _ in range(n_pods)]
    for i, a in enumerate(access):
        p = i % n_pods
        pod_access[p].append(a)
        if p == 0:
            e.rel(a, "connected-via", cores[0])
        else:
            e.rel(a, "connected-via", cores[(2 * p) % n_core], "core-pair", 1)
            e.rel(a, "connected-via", cores[(2 * p + 1) % n_core], "core-pair", 1)
        e.rel(a, "hosted-at", sites[i % n_sites])
    for c in cores:
        e.rel(c, "hosted-at", sites[0])
    pod_hosts = [[] for _ in range(n_pods)]
    for i, h in enumerate(hosts):
        p = i % n_pods
        pod_hosts[p].append(h)
        pa = pod_access[p]
        e.rel(h, "connected-via", pa[i % len(pa)], "uplinks", 1)
        e.rel(h, "connected-via", pa[(i + 1) % len(pa)], "uplinks", 1)
        e.rel(h, "hosted-at", sites[i % 2])
        e.rel(h, "depends-on", storage[i % n_storage])
    for ci_index, cl in enumerate(clusters):
        ph = pod_hosts[ci_index % n_pods]
        members = [ph[(ci_index // n_pods * 10 + k) % len(ph)] for k in range(10)]
        for h in members:
            e.rel(cl, "runs-on", h, "cluster-nodes", 8)
    for i, v in enumerate(vms):
        e.rel(v, "runs-on", clusters[i % n_clusters])
    for i, d in enumerate(dbs):
        e.rel(d, "runs-on", vms[i % n_vms])
        e.rel(d, "backed-up-by", storage[(i + 1) % n_storage])
    for i, a in enumerate(apps):
        e.rel(a, "depends-on", dbs[i % n_dbs])
        e.rel(a, "runs-on", vms[(i * 3) % n_vms], "app-servers", 1)
        e.rel(a, "runs-on", vms[(i * 3 + 1) % n_vms], "app-servers", 1)
    for i, s in enumerate(services):
        for k in range(4):
            e.rel(s, "depends-on", apps[(i * 4 + k) % n_apps])
    # Fill up to the number asked with further plausible edges: VMs on datastores, replicas, backups.
    kinds = [("virtual-machine", vms, "depends-on", storage), ("virtual-machine", vms, "replicates-to", vms),
             ("database", dbs, "backed-up-by", storage)]
    while len(e.rels) < n_rels:
        _, src, rtype, tgt = r.choice(kinds)
        e.rel(r.choice(src), rtype, r.choice(tgt))
    e.rels = e.rels[:n_rels]
    return e


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", action="store_true")
    ap.add_argument("--cis", type=int, default=100000)
    ap.add_argument("--rels", type=int, default=300000)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    if args.bench:
        est = bench(args.cis, args.rels)
        out = args.out or "/tmp/estate-bench-data"
    else:
        est = demo()
        out = args.out or os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "demo")
    est.write(out)
    print(f"{len(est.cis)} CIs and {len(est.rels)} relationships written to {out}")


if __name__ == "__main__":
    main()
