{{- define "falco.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "falco.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "falco.labels" -}}
app.kubernetes.io/name: {{ include "falco.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "falco.selectorLabels" -}}
app.kubernetes.io/name: {{ include "falco.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "falco.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "falco.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The driver kind, validated. */}}
{{- define "falco.driverKind" -}}
{{- $k := .Values.driver.kind -}}
{{- if not (has $k (list "modern_ebpf" "kmod" "auto")) -}}
{{- fail (printf "driver.kind must be modern_ebpf, kmod or auto, not %q" $k) -}}
{{- end -}}
{{- $k -}}
{{- end -}}

{{/* The URL alerts are posted to, if any. */}}
{{- define "falco.httpUrl" -}}
{{- if .Values.falcosidekick.enabled -}}
{{- if .Values.falcosidekick.url -}}
{{- .Values.falcosidekick.url -}}
{{- else if .Values.falcosidekick.deploy -}}
{{- printf "http://%s-falcosidekick:2801/" (include "falco.fullname" .) -}}
{{- else -}}
{{- fail "falcosidekick.enabled with deploy: false needs falcosidekick.url" -}}
{{- end -}}
{{- else -}}
{{- .Values.outputs.httpUrl -}}
{{- end -}}
{{- end -}}

{{/* falco.yaml: .Values.falco with the chart's settings applied. */}}
{{- define "falco.config" -}}
{{- $cfg := deepCopy .Values.falco -}}
{{- $engine := get $cfg "engine" | default dict -}}
{{- if .Values.driver.enabled -}}
{{- $_ := set $engine "kind" (include "falco.driverKind" .) -}}
{{- else -}}
{{- $_ := set $engine "kind" "nodriver" -}}
{{- end -}}
{{- $_ := set $cfg "engine" $engine -}}
{{- $_ := set $cfg "json_output" .Values.outputs.json -}}
{{- $url := include "falco.httpUrl" . -}}
{{- $http := get $cfg "http_output" | default dict -}}
{{- if $url -}}
{{- $_ := set $http "enabled" true -}}
{{- $_ := set $http "url" $url -}}
{{- if .Values.falcosidekick.enabled -}}
{{- $_ := set $cfg "json_output" true -}}
{{- end -}}
{{- end -}}
{{- $_ := set $cfg "http_output" $http -}}
{{- $m := get $cfg "metrics" | default dict -}}
{{- $ws := get $cfg "webserver" | default dict -}}
{{- if .Values.metrics.enabled -}}
{{- $_ := set $m "enabled" true -}}
{{- $_ := set $m "interval" .Values.metrics.interval -}}
{{- $_ := set $ws "enabled" true -}}
{{- $_ := set $ws "prometheus_metrics_enabled" true -}}
{{- end -}}
{{- $_ := set $cfg "metrics" $m -}}
{{- $_ := set $cfg "webserver" $ws -}}
{{- toYaml $cfg -}}
{{- end -}}
