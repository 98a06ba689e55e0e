// Kustomize v5.5.0's built-in transformer configuration (its builtinpluginconsts field specs), in a compact form
// read by fieldspec.ts: `list:` starts a field spec list, `> Kind [group=g] [version=v]` a name reference target,
// and each spec is `path [+] [Kind] [group=g] [version=v]`, `+` meaning "create when missing". Paths escape a
// slash inside a key as `\\/`.
export const DEFAULT_CONFIG_TEXT = String.raw`
namePrefix:
  metadata/name
nameSuffix:
  metadata/name
commonLabels:
  spec/selector + Service version=v1
  spec/selector + ReplicationController version=v1
  spec/selector/matchLabels + Deployment
  spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels Deployment group=apps
  spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels Deployment group=apps
  spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels Deployment group=apps
  spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels Deployment group=apps
  spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels Deployment group=apps
  spec/selector/matchLabels + ReplicaSet
  spec/selector/matchLabels + DaemonSet
  spec/selector/matchLabels + StatefulSet group=apps
  spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels StatefulSet group=apps
  spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels StatefulSet group=apps
  spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels StatefulSet group=apps
  spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels StatefulSet group=apps
  spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels StatefulSet group=apps
  spec/selector/matchLabels Job group=batch
  spec/jobTemplate/spec/selector/matchLabels CronJob group=batch
  spec/selector/matchLabels PodDisruptionBudget group=policy
  spec/podSelector/matchLabels NetworkPolicy group=networking.k8s.io
  spec/ingress/from/podSelector/matchLabels NetworkPolicy group=networking.k8s.io
  spec/egress/to/podSelector/matchLabels NetworkPolicy group=networking.k8s.io
  metadata/labels +
  spec/template/metadata/labels + ReplicationController version=v1
  spec/template/metadata/labels + Deployment
  spec/template/metadata/labels + ReplicaSet
  spec/template/metadata/labels + DaemonSet
  spec/template/metadata/labels + StatefulSet group=apps
  spec/volumeClaimTemplates[]/metadata/labels + StatefulSet group=apps
  spec/template/metadata/labels + Job group=batch
  spec/jobTemplate/metadata/labels + CronJob group=batch
  spec/jobTemplate/spec/template/metadata/labels + CronJob group=batch
templateLabels:
  metadata/labels +
  spec/template/metadata/labels + ReplicationController version=v1
  spec/template/metadata/labels + Deployment
  spec/template/metadata/labels + ReplicaSet
  spec/template/metadata/labels + DaemonSet
  spec/template/metadata/labels + StatefulSet group=apps
  spec/volumeClaimTemplates[]/metadata/labels + StatefulSet group=apps
  spec/template/metadata/labels + Job group=batch
  spec/jobTemplate/metadata/labels + CronJob group=batch
  spec/jobTemplate/spec/template/metadata/labels + CronJob group=batch
commonAnnotations:
  metadata/annotations +
  spec/template/metadata/annotations + ReplicationController version=v1
  spec/template/metadata/annotations + Deployment
  spec/template/metadata/annotations + ReplicaSet
  spec/template/metadata/annotations + DaemonSet
  spec/template/metadata/annotations + StatefulSet
  spec/template/metadata/annotations + Job group=batch
  spec/jobTemplate/metadata/annotations + CronJob group=batch
  spec/jobTemplate/spec/template/metadata/annotations + CronJob group=batch
namespace:
  metadata/name + Namespace
  spec/service/namespace + APIService group=apiregistration.k8s.io
  spec/conversion/webhook/clientConfig/service/namespace CustomResourceDefinition group=apiextensions.k8s.io
varReference:
  spec/jobTemplate/spec/template/spec/containers/args CronJob
  spec/jobTemplate/spec/template/spec/containers/command CronJob
  spec/jobTemplate/spec/template/spec/containers/env/value CronJob
  spec/jobTemplate/spec/template/spec/containers/volumeMounts/mountPath CronJob
  spec/jobTemplate/spec/template/spec/initContainers/args CronJob
  spec/jobTemplate/spec/template/spec/initContainers/command CronJob
  spec/jobTemplate/spec/template/spec/initContainers/env/value CronJob
  spec/jobTemplate/spec/template/spec/initContainers/volumeMounts/mountPath CronJob
  spec/jobTemplate/spec/template/volumes/nfs/server CronJob
  spec/template/spec/containers/args DaemonSet
  spec/template/spec/containers/command DaemonSet
  spec/template/spec/containers/env/value DaemonSet
  spec/template/spec/containers/volumeMounts/mountPath DaemonSet
  spec/template/spec/initContainers/args DaemonSet
  spec/template/spec/initContainers/command DaemonSet
  spec/template/spec/initContainers/env/value DaemonSet
  spec/template/spec/initContainers/volumeMounts/mountPath DaemonSet
  spec/template/spec/volumes/nfs/server DaemonSet
  spec/template/spec/containers/args Deployment
  spec/template/spec/containers/command Deployment
  spec/template/spec/containers/env/value Deployment
  spec/template/spec/containers/volumeMounts/mountPath Deployment
  spec/template/spec/initContainers/args Deployment
  spec/template/spec/initContainers/command Deployment
  spec/template/spec/initContainers/env/value Deployment
  spec/template/spec/initContainers/volumeMounts/mountPath Deployment
  spec/template/spec/volumes/nfs/server Deployment
  spec/template/metadata/annotations Deployment
  spec/rules/host Ingress
  spec/tls/hosts Ingress
  spec/tls/secretName Ingress
  spec/template/spec/containers/args Job
  spec/template/spec/containers/command Job
  spec/template/spec/containers/env/value Job
  spec/template/spec/containers/volumeMounts/mountPath Job
  spec/template/spec/initContainers/args Job
  spec/template/spec/initContainers/command Job
  spec/template/spec/initContainers/env/value Job
  spec/template/spec/initContainers/volumeMounts/mountPath Job
  spec/template/spec/volumes/nfs/server Job
  spec/containers/args Pod
  spec/containers/command Pod
  spec/containers/env/value Pod
  spec/containers/volumeMounts/mountPath Pod
  spec/initContainers/args Pod
  spec/initContainers/command Pod
  spec/initContainers/env/value Pod
  spec/initContainers/volumeMounts/mountPath Pod
  spec/volumes/nfs/server Pod
  spec/template/spec/containers/args ReplicaSet
  spec/template/spec/containers/command ReplicaSet
  spec/template/spec/containers/env/value ReplicaSet
  spec/template/spec/containers/volumeMounts/mountPath ReplicaSet
  spec/template/spec/initContainers/args ReplicaSet
  spec/template/spec/initContainers/command ReplicaSet
  spec/template/spec/initContainers/env/value ReplicaSet
  spec/template/spec/initContainers/volumeMounts/mountPath ReplicaSet
  spec/template/spec/volumes/nfs/server ReplicaSet
  spec/ports/port Service
  spec/ports/targetPort Service
  spec/template/spec/containers/args StatefulSet
  spec/template/spec/containers/command StatefulSet
  spec/template/spec/containers/env/value StatefulSet
  spec/template/spec/containers/volumeMounts/mountPath StatefulSet
  spec/template/spec/initContainers/args StatefulSet
  spec/template/spec/initContainers/command StatefulSet
  spec/template/spec/initContainers/env/value StatefulSet
  spec/template/spec/initContainers/volumeMounts/mountPath StatefulSet
  spec/volumeClaimTemplates/spec/nfs/server StatefulSet
  spec/nfs/server PersistentVolume
  metadata/labels
  metadata/annotations
nameReference:
  > Deployment
    spec/scaleTargetRef/name HorizontalPodAutoscaler
  > ReplicationController
    spec/scaleTargetRef/name HorizontalPodAutoscaler
  > ReplicaSet
    spec/scaleTargetRef/name HorizontalPodAutoscaler
  > StatefulSet
    spec/scaleTargetRef/name HorizontalPodAutoscaler
  > ConfigMap version=v1
    spec/volumes/configMap/name Pod version=v1
    spec/containers/env/valueFrom/configMapKeyRef/name Pod version=v1
    spec/initContainers/env/valueFrom/configMapKeyRef/name Pod version=v1
    spec/containers/envFrom/configMapRef/name Pod version=v1
    spec/initContainers/envFrom/configMapRef/name Pod version=v1
    spec/volumes/projected/sources/configMap/name Pod version=v1
    template/spec/volumes/configMap/name PodTemplate
    template/spec/containers/env/valueFrom/configMapKeyRef/name PodTemplate
    template/spec/initContainers/env/valueFrom/configMapKeyRef/name PodTemplate
    template/spec/containers/envFrom/configMapRef/name PodTemplate
    template/spec/initContainers/envFrom/configMapRef/name PodTemplate
    template/spec/volumes/projected/sources/configMap/name PodTemplate
    spec/template/spec/volumes/configMap/name Deployment
    spec/template/spec/containers/env/valueFrom/configMapKeyRef/name Deployment
    spec/template/spec/initContainers/env/valueFrom/configMapKeyRef/name Deployment
    spec/template/spec/containers/envFrom/configMapRef/name Deployment
    spec/template/spec/initContainers/envFrom/configMapRef/name Deployment
    spec/template/spec/volumes/projected/sources/configMap/name Deployment
    spec/template/spec/volumes/configMap/name ReplicaSet
    spec/template/spec/containers/env/valueFrom/configMapKeyRef/name ReplicaSet
    spec/template/spec/initContainers/env/valueFrom/configMapKeyRef/name ReplicaSet
    spec/template/spec/containers/envFrom/configMapRef/name ReplicaSet
    spec/template/spec/initContainers/envFrom/configMapRef/name ReplicaSet
    spec/template/spec/volumes/projected/sources/configMap/name ReplicaSet
    spec/template/spec/volumes/configMap/name DaemonSet
    spec/template/spec/containers/env/valueFrom/configMapKeyRef/name DaemonSet
    spec/template/spec/initContainers/env/valueFrom/configMapKeyRef/name DaemonSet
    spec/template/spec/containers/envFrom/configMapRef/name DaemonSet
    spec/template/spec/initContainers/envFrom/configMapRef/name DaemonSet
    spec/template/spec/volumes/projected/sources/configMap/name DaemonSet
    spec/template/spec/volumes/configMap/name StatefulSet
    spec/template/spec/containers/env/valueFrom/configMapKeyRef/name StatefulSet
    spec/template/spec/initContainers/env/valueFrom/configMapKeyRef/name StatefulSet
    spec/template/spec/containers/envFrom/configMapRef/name StatefulSet
    spec/template/spec/initContainers/envFrom/configMapRef/name StatefulSet
    spec/template/spec/volumes/projected/sources/configMap/name StatefulSet
    spec/template/spec/volumes/configMap/name Job
    spec/template/spec/containers/env/valueFrom/configMapKeyRef/name Job
    spec/template/spec/initContainers/env/valueFrom/configMapKeyRef/name Job
    spec/template/spec/containers/envFrom/configMapRef/name Job
    spec/template/spec/initContainers/envFrom/configMapRef/name Job
    spec/template/spec/volumes/projected/sources/configMap/name Job
    spec/jobTemplate/spec/template/spec/volumes/configMap/name CronJob
    spec/jobTemplate/spec/template/spec/volumes/projected/sources/configMap/name CronJob
    spec/jobTemplate/spec/template/spec/containers/env/valueFrom/configMapKeyRef/name CronJob
    spec/jobTemplate/spec/template/spec/initContainers/env/valueFrom/configMapKeyRef/name CronJob
    spec/jobTemplate/spec/template/spec/containers/envFrom/configMapRef/name CronJob
    spec/jobTemplate/spec/template/spec/initContainers/envFrom/configMapRef/name CronJob
    spec/configSource/configMap Node
    rules/resourceNames Role
    rules/resourceNames ClusterRole
    metadata/annotations/nginx.ingress.kubernetes.io\/fastcgi-params-configmap Ingress
  > Secret version=v1
    spec/volumes/secret/secretName Pod version=v1
    spec/containers/env/valueFrom/secretKeyRef/name Pod version=v1
    spec/initContainers/env/valueFrom/secretKeyRef/name Pod version=v1
    spec/containers/envFrom/secretRef/name Pod version=v1
    spec/initContainers/envFrom/secretRef/name Pod version=v1
    spec/imagePullSecrets/name Pod version=v1
    spec/volumes/projected/sources/secret/name Pod version=v1
    template/spec/volumes/secret/secretName PodTemplate
    template/spec/containers/env/valueFrom/secretKeyRef/name PodTemplate
    template/spec/initContainers/env/valueFrom/secretKeyRef/name PodTemplate
    template/spec/containers/envFrom/secretRef/name PodTemplate
    template/spec/initContainers/envFrom/secretRef/name PodTemplate
    template/spec/imagePullSecrets/name PodTemplate
    template/spec/volumes/projected/sources/secret/name PodTemplate
    spec/template/spec/volumes/secret/secretName Deployment
    spec/template/spec/containers/env/valueFrom/secretKeyRef/name Deployment
    spec/template/spec/initContainers/env/valueFrom/secretKeyRef/name Deployment
    spec/template/spec/containers/envFrom/secretRef/name Deployment
    spec/template/spec/initContainers/envFrom/secretRef/name Deployment
    spec/template/spec/imagePullSecrets/name Deployment
    spec/template/spec/volumes/projected/sources/secret/name Deployment
    spec/template/spec/volumes/secret/secretName ReplicaSet
    spec/template/spec/containers/env/valueFrom/secretKeyRef/name ReplicaSet
    spec/template/spec/initContainers/env/valueFrom/secretKeyRef/name ReplicaSet
    spec/template/spec/containers/envFrom/secretRef/name ReplicaSet
    spec/template/spec/initContainers/envFrom/secretRef/name ReplicaSet
    spec/template/spec/imagePullSecrets/name ReplicaSet
    spec/template/spec/volumes/projected/sources/secret/name ReplicaSet
    spec/template/spec/volumes/secret/secretName DaemonSet
    spec/template/spec/containers/env/valueFrom/secretKeyRef/name DaemonSet
    spec/template/spec/initContainers/env/valueFrom/secretKeyRef/name DaemonSet
    spec/template/spec/containers/envFrom/secretRef/name DaemonSet
    spec/template/spec/initContainers/envFrom/secretRef/name DaemonSet
    spec/template/spec/imagePullSecrets/name DaemonSet
    spec/template/spec/volumes/projected/sources/secret/name DaemonSet
    spec/template/spec/volumes/secret/secretName StatefulSet
    spec/template/spec/containers/env/valueFrom/secretKeyRef/name StatefulSet
    spec/template/spec/initContainers/env/valueFrom/secretKeyRef/name StatefulSet
    spec/template/spec/containers/envFrom/secretRef/name StatefulSet
    spec/template/spec/initContainers/envFrom/secretRef/name StatefulSet
    spec/template/spec/imagePullSecrets/name StatefulSet
    spec/template/spec/volumes/projected/sources/secret/name StatefulSet
    spec/template/spec/volumes/secret/secretName Job
    spec/template/spec/containers/env/valueFrom/secretKeyRef/name Job
    spec/template/spec/initContainers/env/valueFrom/secretKeyRef/name Job
    spec/template/spec/containers/envFrom/secretRef/name Job
    spec/template/spec/initContainers/envFrom/secretRef/name Job
    spec/template/spec/imagePullSecrets/name Job
    spec/template/spec/volumes/projected/sources/secret/name Job
    spec/jobTemplate/spec/template/spec/volumes/secret/secretName CronJob
    spec/jobTemplate/spec/template/spec/volumes/projected/sources/secret/name CronJob
    spec/jobTemplate/spec/template/spec/containers/env/valueFrom/secretKeyRef/name CronJob
    spec/jobTemplate/spec/template/spec/initContainers/env/valueFrom/secretKeyRef/name CronJob
    spec/jobTemplate/spec/template/spec/containers/envFrom/secretRef/name CronJob
    spec/jobTemplate/spec/template/spec/initContainers/envFrom/secretRef/name CronJob
    spec/jobTemplate/spec/template/spec/imagePullSecrets/name CronJob
    spec/tls/secretName Ingress
    metadata/annotations/ingress.kubernetes.io\/auth-secret Ingress
    metadata/annotations/nginx.ingress.kubernetes.io\/auth-secret Ingress
    metadata/annotations/nginx.ingress.kubernetes.io\/auth-tls-secret Ingress
    spec/tls/secretName Ingress
    imagePullSecrets/name ServiceAccount
    parameters/secretName StorageClass
    parameters/adminSecretName StorageClass
    parameters/userSecretName StorageClass
    parameters/secretRef StorageClass
    rules/resourceNames Role
    rules/resourceNames ClusterRole
    spec/template/spec/containers/env/valueFrom/secretKeyRef/name Service group=serving.knative.dev version=v1
    spec/azureFile/secretName PersistentVolume
  > Service version=v1
    spec/serviceName StatefulSet group=apps
    spec/rules/http/paths/backend/serviceName Ingress
    spec/backend/serviceName Ingress
    spec/rules/http/paths/backend/service/name Ingress
    spec/defaultBackend/service/name Ingress
    spec/service/name APIService group=apiregistration.k8s.io
    webhooks/clientConfig/service ValidatingWebhookConfiguration group=admissionregistration.k8s.io
    webhooks/clientConfig/service MutatingWebhookConfiguration group=admissionregistration.k8s.io
  > Role group=rbac.authorization.k8s.io
    roleRef/name RoleBinding group=rbac.authorization.k8s.io
  > ClusterRole group=rbac.authorization.k8s.io
    roleRef/name RoleBinding group=rbac.authorization.k8s.io
    roleRef/name ClusterRoleBinding group=rbac.authorization.k8s.io
  > ServiceAccount version=v1
    subjects RoleBinding group=rbac.authorization.k8s.io
    subjects ClusterRoleBinding group=rbac.authorization.k8s.io
    spec/serviceAccountName Pod
    spec/template/spec/serviceAccountName StatefulSet
    spec/template/spec/serviceAccountName Deployment
    spec/template/spec/serviceAccountName ReplicationController
    spec/jobTemplate/spec/template/spec/serviceAccountName CronJob
    spec/template/spec/serviceAccountName Job
    spec/template/spec/serviceAccountName DaemonSet
  > PersistentVolumeClaim version=v1
    spec/volumes/persistentVolumeClaim/claimName Pod
    spec/template/spec/volumes/persistentVolumeClaim/claimName StatefulSet
    spec/template/spec/volumes/persistentVolumeClaim/claimName Deployment
    spec/template/spec/volumes/persistentVolumeClaim/claimName ReplicationController
    spec/jobTemplate/spec/template/spec/volumes/persistentVolumeClaim/claimName CronJob
    spec/template/spec/volumes/persistentVolumeClaim/claimName Job
    spec/template/spec/volumes/persistentVolumeClaim/claimName DaemonSet
  > PersistentVolume version=v1
    spec/volumeName PersistentVolumeClaim
    rules/resourceNames ClusterRole
  > StorageClass group=storage.k8s.io version=v1
    spec/storageClassName PersistentVolume
    spec/storageClassName PersistentVolumeClaim
    spec/volumeClaimTemplates/spec/storageClassName StatefulSet
  > PriorityClass group=scheduling.k8s.io version=v1
    spec/priorityClassName Pod
    spec/template/spec/priorityClassName StatefulSet
    spec/template/spec/priorityClassName Deployment
    spec/template/spec/priorityClassName ReplicationController
    spec/jobTemplate/spec/template/spec/priorityClassName CronJob
    spec/template/spec/priorityClassName Job
    spec/template/spec/priorityClassName DaemonSet
  > IngressClass group=networking.k8s.io/v1 version=v1
    spec/ingressClassName Ingress
  > ValidatingAdmissionPolicy group=admissionregistration.k8s.io
    spec/policyName ValidatingAdmissionPolicyBinding group=admissionregistration.k8s.io
images:
  spec/containers[]/image +
  spec/initContainers[]/image +
  spec/template/spec/containers[]/image +
  spec/template/spec/initContainers[]/image +
replicas:
  spec/replicas + Deployment
  spec/replicas + ReplicationController
  spec/replicas + ReplicaSet
  spec/replicas + StatefulSet
`;
