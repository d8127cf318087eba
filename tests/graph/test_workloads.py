"""Pod sources: templates of every workload kind, with the labels controllers add."""

from helpers import view_of

from kdlint.settings import Settings


def source(text, settings=None):
    view = view_of(text, settings=settings)
    assert len(view.sources()) == 1
    return view.sources()[0]


def test_statefulset_pods_carry_their_ordinal_names_and_runtime_hash():
    sts = source("""
    apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: web, namespace: a}
    spec:
      replicas: 3
      ordinals: {start: 1}
      serviceName: web
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec: {containers: [{name: c, image: i, ports: [{name: http, containerPort: 80}]}]}
    """)
    assert sts.labels.choices["statefulset.kubernetes.io/pod-name"] == {"web-1", "web-2", "web-3"}
    assert sts.labels.choices["apps.kubernetes.io/pod-index"] == {"1", "2", "3"}
    assert "controller-revision-hash" in sts.labels.runtime
    assert sts.replicas == 3 and sts.template_path == ("spec", "template")
    assert sts.ports[0].protocol == "TCP" and sts.ports[0].name == "http"


def test_cronjob_template_path_suspension_and_job_labels():
    cron = source("""
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: nightly, namespace: a}
    spec:
      schedule: "0 0 * * *"
      suspend: true
      jobTemplate:
        spec:
          template:
            metadata: {labels: {app: nightly}}
            spec: {restartPolicy: OnFailure, containers: [{name: c, image: i}]}
    """)
    assert cron.template_path == ("spec", "jobTemplate", "spec", "template")
    assert cron.suspended and cron.run_to_completion
    assert "batch.kubernetes.io/job-name" in cron.labels.runtime


def test_job_name_label_is_known_for_a_job():
    job = source("""
    apiVersion: batch/v1
    kind: Job
    metadata: {name: migrate, namespace: a}
    spec:
      template:
        spec: {restartPolicy: Never, containers: [{name: c, image: i}]}
    """)
    assert job.labels.fixed["job-name"] == "migrate"
    assert job.labels.fixed["batch.kubernetes.io/job-name"] == "migrate"


def test_sidecar_ports_count_but_plain_init_container_ports_do_not():
    pod = source("""
    apiVersion: v1
    kind: Pod
    metadata: {name: p, namespace: a}
    spec:
      initContainers:
        - {name: proxy, image: i, restartPolicy: Always, ports: [{name: proxy, containerPort: 15001}]}
        - {name: setup, image: i, ports: [{name: setup, containerPort: 9}]}
      containers: [{name: c, image: i, ports: [{name: dns, containerPort: 53, protocol: UDP}]}]
    """)
    assert [(p.name, p.sidecar) for p in pod.ports] == [("dns", False), ("proxy", True)]
    assert pod.ports[0].path == ("spec", "containers", 0, "ports", 0)


def test_rollout_and_configured_custom_kinds_are_pod_sources():
    rollout = source("""
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    metadata: {name: r, namespace: a}
    spec:
      replicas: 0
      selector: {matchLabels: {app: r}}
      template: {metadata: {labels: {app: r}}, spec: {containers: [{name: c, image: i}]}}
    """)
    assert rollout.replicas == 0 and "rollouts-pod-template-hash" in rollout.labels.runtime
    custom = source("""
    apiVersion: monitoring.coreos.com/v1
    kind: Alertmanager
    metadata: {name: main, namespace: monitoring}
    spec: {podMetadata: {labels: {app: am}}}
    """, settings=Settings(pod_sources=(("monitoring.coreos.com/Alertmanager", "spec.podMetadata.labels"),)))
    assert custom.labels.fixed == {"app": "am"} and not custom.ports_known


def test_daemonset_replicas_are_per_node_and_templated_values_unknown():
    ds = source("""
    apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: d, namespace: a}
    spec:
      selector: {matchLabels: {app: d}}
      template: {metadata: {labels: {app: d}}, spec: {containers: [{name: c, image: i}]}}
    """)
    assert ds.replicas is None  # the endpoints table shows it as "per node"


def test_cluster_scoped_and_unrelated_kinds_are_not_pod_sources():
    view = view_of("""
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: c, namespace: a}
    """, """
    apiVersion: example.com/v1
    kind: Deployment
    metadata: {name: not-apps, namespace: a}
    spec: {template: {metadata: {labels: {app: x}}}}
    """)
    assert view.sources() == []
