package io.ttg.e2e.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Redis, the producer Job, network policy, RBAC, labels and security in every kustomization. */
class SharedManifestsTest {
    private static final Map<String, String> COMMON_LABELS = Map.of(
            "app.kubernetes.io/name", "ttg",
            "app.kubernetes.io/part-of", "ttg");

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/milestone-1", "overlays/milestone-2",
        "overlays/milestone-3", "overlays/milestone-4"})
    void everyResource_isInNamespaceTtgWithLabels(String kustomization) {
        Manifests manifests = Kustomize.render(kustomization);

        assertThat(manifests.get(Namespace.class, "ttg")).isNotNull();
        for (HasMetadata resource : manifests.resources()) {
            String name = resource.getKind() + "/" + resource.getMetadata().getName();
            if (!(resource instanceof Namespace)) {
                assertThat(resource.getMetadata().getNamespace()).as(name).isEqualTo("ttg");
            }
            assertThat(resource.getMetadata().getLabels()).as(name)
                    .containsAllEntriesOf(COMMON_LABELS)
                    .containsKey("app.kubernetes.io/instance");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/milestone-1", "overlays/milestone-2",
        "overlays/milestone-3", "overlays/milestone-4"})
    void jobs_carryRunIdAndComponentLabels(String kustomization) {
        Manifests manifests = Kustomize.render(kustomization);
        String runId = manifests.config("RUN_ID");

        for (Job job : List.of(manifests.producerJob(), manifests.workerJob())) {
            String component = job.getMetadata().getName().equals(Manifests.WORKER_JOB)
                    ? "worker" : "producer";
            Map<String, String> podLabels = job.getSpec().getTemplate().getMetadata()
                    .getLabels();
            assertThat(job.getMetadata().getLabels()).as(job.getMetadata().getName())
                    .containsEntry("app.kubernetes.io/instance", runId)
                    .containsEntry("app.kubernetes.io/component", component);
            assertThat(podLabels).as(job.getMetadata().getName() + " pods")
                    .containsAllEntriesOf(COMMON_LABELS)
                    .containsEntry("app.kubernetes.io/instance", runId)
                    .containsEntry("app.kubernetes.io/component", component);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/milestone-1", "overlays/milestone-2",
        "overlays/milestone-3", "overlays/milestone-4"})
    void everyContainer_runsNonRootReadOnlyWithoutCapabilities(String kustomization) {
        for (PodTemplateSpec template : Kustomize.render(kustomization).podTemplates()) {
            PodSpec pod = template.getSpec();
            PodSecurityContext podContext = pod.getSecurityContext();
            assertThat(podContext.getRunAsNonRoot()).as("runAsNonRoot").isTrue();
            assertThat(podContext.getRunAsUser()).as("runAsUser").isPositive();
            assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).as("service account token")
                    .isFalse();
            List<Container> containers = Stream.concat(pod.getInitContainers().stream(),
                    pod.getContainers().stream()).toList();
            for (Container container : containers) {
                SecurityContext context = container.getSecurityContext();
                String name = template.getMetadata().getLabels()
                        .get("app.kubernetes.io/component") + "/" + container.getName();
                assertThat(context.getAllowPrivilegeEscalation()).as(name).isFalse();
                assertThat(context.getReadOnlyRootFilesystem()).as(name).isTrue();
                assertThat(context.getCapabilities().getDrop()).as(name).containsExactly("ALL");
                assertThat(context.getPrivileged()).as(name).isNotEqualTo(Boolean.TRUE);
                assertThat(container.getResources().getLimits()).as(name)
                        .containsKeys("cpu", "memory");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/milestone-4"})
    void producerJob_enqueuesRunFromConfig(String kustomization) {
        Job job = Kustomize.render(kustomization).producerJob();
        Container producer = Manifests.container(job.getSpec().getTemplate().getSpec(),
                "producer");

        assertThat(producer.getImage()).isEqualTo("ttg:0.1.0");
        assertThat(producer.getCommand()).containsExactly("java", "-cp",
                "/app/ttg-producer.jar", "io.ttg.producer.ProducerMain", "enqueue");
        assertThat(producer.getEnvFrom()).singleElement()
                .satisfies(source -> assertThat(source.getConfigMapRef().getName())
                        .isEqualTo("ttg-config"));
        assertThat(WorkerJobTest.env(producer, "REDIS_URL").getValue())
                .isEqualTo("redis://:$(REDIS_PASSWORD)@ttg-redis:6379");
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(job.getSpec().getPodFailurePolicy().getRules().get(0).getOnExitCodes()
                .getValues()).containsExactly(2, 5);
    }

    @Test
    void configMap_containsEveryRunVariable() {
        Manifests manifests = Kustomize.render("base");

        for (String key : List.of("RUN_ID", "TOTAL_PARAMETERS", "BATCH_SIZE", "COMPUTATION",
                "SIMULATE_WORK_MS", "SAVE_OUTPUT", "TOTAL_WORKERS", "MAX_ATTEMPTS",
                "LEASE_SECONDS")) {
            assertThat(manifests.config(key)).as(key).isNotBlank();
        }
    }

    @Test
    void redis_persistsWithAofAndNeverEvicts() {
        Manifests manifests = Kustomize.render("base");
        StatefulSet redis = manifests.get(StatefulSet.class, "ttg-redis");
        Container container = Manifests.container(redis.getSpec().getTemplate().getSpec(),
                "redis");
        String args = String.join(" ", container.getArgs());

        assertThat(redis.getSpec().getReplicas()).isEqualTo(1);
        assertThat(args).contains("--appendonly yes")
                .contains("--maxmemory-policy noeviction")
                .contains("--requirepass $(REDIS_PASSWORD)");
        assertThat(WorkerJobTest.env(container, "REDIS_PASSWORD").getValueFrom()
                .getSecretKeyRef().getName()).isEqualTo("ttg-redis");
        assertThat(redis.getSpec().getVolumeClaimTemplates()).singleElement()
                .satisfies(claim -> {
                    assertThat(claim.getSpec().getResources().getRequests())
                            .containsKey("storage");
                    assertThat(container.getVolumeMounts()).anySatisfy(mount -> {
                        assertThat(mount.getName()).isEqualTo(claim.getMetadata().getName());
                        assertThat(mount.getMountPath()).isEqualTo("/data");
                    });
                });
        assertThat(container.getReadinessProbe()).as("readiness probe").isNotNull();
        assertThat(container.getLivenessProbe()).as("liveness probe").isNotNull();
        assertThat(manifests.get(Secret.class, "ttg-redis").getData()).containsKey("password");
    }

    @Test
    void redisService_selectsRedisPodOnPort6379() {
        Manifests manifests = Kustomize.render("base");
        Service service = manifests.get(Service.class, "ttg-redis");
        StatefulSet redis = manifests.get(StatefulSet.class, "ttg-redis");

        assertThat(service.getSpec().getPorts()).singleElement()
                .satisfies(port -> assertThat(port.getPort()).isEqualTo(6379));
        assertThat(redis.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(redis.getSpec().getServiceName()).isEqualTo("ttg-redis");
    }

    @Test
    void networkPolicy_admitsOnlyTtgPodsToRedis() {
        Manifests manifests = Kustomize.render("base");
        NetworkPolicy policy = manifests.get(NetworkPolicy.class, "ttg-redis");
        Map<String, String> redisPods = manifests.get(StatefulSet.class, "ttg-redis").getSpec()
                .getTemplate().getMetadata().getLabels();
        NetworkPolicyIngressRule rule = policy.getSpec().getIngress().get(0);
        Map<String, String> admitted = rule.getFrom().get(0).getPodSelector().getMatchLabels();

        assertThat(redisPods).containsAllEntriesOf(policy.getSpec().getPodSelector()
                .getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getIngress()).hasSize(1);
        assertThat(rule.getFrom()).singleElement().satisfies(peer ->
                assertThat(peer.getNamespaceSelector()).as("namespaceSelector").isNull());
        assertThat(admitted).containsExactlyEntriesOf(Map.of("app.kubernetes.io/part-of", "ttg"));
        assertThat(rule.getPorts()).singleElement()
                .satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(6379));
        for (Job job : manifests.all(Job.class)) {
            assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                    .as(job.getMetadata().getName() + " pods reach Redis")
                    .containsAllEntriesOf(admitted);
        }
    }

    @Test
    void deployerRole_grantsNamedRightsOnly() {
        Manifests manifests = Kustomize.render("base");
        Role role = manifests.get(Role.class, "ttg-deployer");
        RoleBinding binding = manifests.get(RoleBinding.class, "ttg-deployer");

        for (PolicyRule rule : role.getRules()) {
            assertThat(rule.getApiGroups()).doesNotContain("*");
            assertThat(rule.getResources()).doesNotContain("*", "secrets");
            assertThat(rule.getVerbs()).doesNotContain("*", "escalate", "bind", "impersonate");
        }
        assertThat(role.getRules()).anySatisfy(rule -> {
            assertThat(rule.getResources()).containsExactly("jobs");
            assertThat(rule.getVerbs()).contains("create", "patch", "watch");
        });
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo("ttg-deployer");
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo("ttg-deployer");
        });
    }
}
