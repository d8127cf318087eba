"""`kdlint endpoints` and `kdlint graph`: the command functions and their CLI wiring."""

import json

from click.testing import CliRunner

from kdlint.cli import main
from kdlint.commands.endpoints import endpoints
from kdlint.commands.graph import graph
from kdlint.settings import Settings
from paths import ROOT

SHOP = str(ROOT / "fixtures" / "projects" / "shop")
SEED = str(ROOT / "fixtures" / "seed")


def test_endpoints_json_resolves_ports_and_explains_empty_services():
    rows = {r["service"]: r for r in json.loads(endpoints([SHOP], Settings(), "json"))["services"]}
    (backend,) = rows["checkout"]["backends"]
    assert (backend["kind"], backend["name"], backend["replicas"], backend["suspended"]) == ("Deployment", "checkout", 2, False)
    assert rows["checkout"]["selector"] == {"app": "checkout"}
    assert backend["ports"][0]["status"] == "unresolved"
    assert rows["cart"]["status"] == "none" and "`app: cart` vs `app: cart-svc`" in rows["cart"]["reason"]


def test_endpoints_table_names_the_parse_failure():
    text = endpoints([SEED], Settings())
    assert text.splitlines()[0].split() == ["NAMESPACE", "SERVICE", "TYPE", "BACKEND", "REPLICAS", "PORTS"]
    assert "04-deployment-prod.yaml:2 could not be parsed" in text


def test_graph_formats_quote_names_and_mark_broken_edges():
    dot = graph([SHOP], Settings(), "dot")
    assert '"Ingress/shop/storefront" -> "Service/shop/payments"' in dot and "missing-service" in dot
    assert "color=red" in dot
    mermaid = graph([SHOP], Settings(), "mermaid")
    assert mermaid.startswith("flowchart LR") and '-.->|"routes-to: missing-service"|' in mermaid
    data = json.loads(graph([SHOP], Settings(), "json"))
    nodes = {n["id"]: n for n in data["clusters"][0]["nodes"]}
    assert nodes["Service/shop/payments"]["problem"] == "not in the input"
    assert nodes["Service/shop/cart"]["problem"] == "selects nothing"


def test_cli_commands():
    runner = CliRunner()
    result = runner.invoke(main, ["endpoints", "--format", "json", SHOP])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["services"]
    result = runner.invoke(main, ["graph", "--format", "mermaid", "--scope", "dir", SHOP, SEED])
    assert result.exit_code == 0, result.output
    assert result.output.count("flowchart LR") == 2


def test_endpoints_json_values_are_typed_and_the_table_reads_them(tmp_path):
    (tmp_path / "ds.yaml").write_text(
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, namespace: obs}\nspec:\n"
        "  selector: {matchLabels: {app: agent}}\n"
        "  template: {metadata: {labels: {app: agent, tier: node}}, spec: {containers: [{name: c, image: i, ports: [{containerPort: 9100}]}]}}\n"
        "---\napiVersion: v1\nkind: Service\nmetadata: {name: agent, namespace: obs}\n"
        "spec: {selector: {app: agent, tier: node}, ports: [{port: 9100}]}\n")
    (row,) = json.loads(endpoints([str(tmp_path)], Settings(), "json"))["services"]
    assert row["selector"] == {"app": "agent", "tier": "node"}
    (backend,) = row["backends"]
    assert backend["replicas"] is None and backend["suspended"] is False
    assert backend["ports"][0]["port"] == 9100 and backend["ports"][0]["containerPort"] == 9100
    table = endpoints([str(tmp_path)], Settings()).splitlines()
    assert table[1].split()[:5] == ["obs", "agent", "ClusterIP", "DaemonSet/agent", "per"]
