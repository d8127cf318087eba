"""Custom resource kinds whose operator runs pods for each resource.

KD301 names such a resource as a possible source of a Service's pods (and is then a warning,
not an error): the pods exist in the cluster but not in the input. The list is explicit, never
"any custom resource": an Istio Gateway, a ServiceMonitor or a Certificate configures
something and runs no pods, and naming it would send the reader the wrong way.

A kind is here when its operator's documentation says that each resource of the kind becomes
pods (a StatefulSet or Deployment the operator owns). Kinds that carry their own pod template
(Argo Rollout, a configured `pod-sources` kind) are pod sources and never need this list.
Keyed by (API group, kind): `Cluster` alone means nothing.
"""

POD_CREATING_KINDS = frozenset({
    # Prometheus Operator
    ("monitoring.coreos.com", "Prometheus"),
    ("monitoring.coreos.com", "PrometheusAgent"),
    ("monitoring.coreos.com", "Alertmanager"),
    ("monitoring.coreos.com", "ThanosRuler"),
    # Elastic Cloud on Kubernetes
    ("elasticsearch.k8s.elastic.co", "Elasticsearch"),
    ("kibana.k8s.elastic.co", "Kibana"),
    ("apm.k8s.elastic.co", "ApmServer"),
    ("beat.k8s.elastic.co", "Beat"),
    ("agent.k8s.elastic.co", "Agent"),
    ("logstash.k8s.elastic.co", "Logstash"),
    # Strimzi (Kafka)
    ("kafka.strimzi.io", "Kafka"),
    ("kafka.strimzi.io", "KafkaNodePool"),
    ("kafka.strimzi.io", "KafkaConnect"),
    ("kafka.strimzi.io", "KafkaMirrorMaker2"),
    ("kafka.strimzi.io", "KafkaBridge"),
    # databases and queues
    ("postgresql.cnpg.io", "Cluster"),
    ("postgresql.cnpg.io", "Pooler"),
    ("acid.zalan.do", "postgresql"),
    ("postgres-operator.crunchydata.com", "PostgresCluster"),
    ("mysql.oracle.com", "InnoDBCluster"),
    ("pxc.percona.com", "PerconaXtraDBCluster"),
    ("psmdb.percona.com", "PerconaServerMongoDB"),
    ("mongodbcommunity.mongodb.com", "MongoDBCommunity"),
    ("rabbitmq.com", "RabbitmqCluster"),
    ("databases.spotahome.com", "RedisFailover"),
    ("redis.redis.opstreelabs.in", "Redis"),
    ("redis.redis.opstreelabs.in", "RedisCluster"),
    ("clickhouse.altinity.com", "ClickHouseInstallation"),
    ("minio.min.io", "Tenant"),
    # observability and data processing
    ("jaegertracing.io", "Jaeger"),
    ("opentelemetry.io", "OpenTelemetryCollector"),
    ("grafana.integreatly.org", "Grafana"),
    ("flink.apache.org", "FlinkDeployment"),
    ("sparkoperator.k8s.io", "SparkApplication"),
    ("ray.io", "RayCluster"),
    ("ray.io", "RayService"),
})


def creates_pods(obj) -> bool:
    return (obj.group, obj.kind) in POD_CREATING_KINDS
