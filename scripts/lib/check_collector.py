"""Checks observability/otel/collector.yaml against what the job emits: every component a pipeline
names is defined, and each tail-sampling attribute policy keys on a span attribute the job sets
(tracing/DecisionSpans.java) with values that are event types of the contract (MATCHING.md) -
a misspelt value would silently sample nothing."""
import re
import sys

import yaml

collector_file, spans_file, contract_file = sys.argv[1:4]
config = yaml.safe_load(open(collector_file))
spans = open(spans_file).read()
contract = open(contract_file).read()
problems = []

for name, pipeline in config["service"]["pipelines"].items():
    for kind in ("receivers", "processors", "exporters"):
        for component in pipeline.get(kind, []):
            if component not in (config.get(kind) or {}):
                problems.append(f"pipeline {name} names {kind[:-1]} {component}, which is not defined")

policies = config["processors"]["tail_sampling"]["policies"]
for policy in policies:
    if policy["type"] != "string_attribute":
        continue
    key = policy["string_attribute"]["key"]
    if f'"{key}"' not in spans:
        problems.append(f"policy {policy['name']}: the job sets no span attribute {key}")
    for value in policy["string_attribute"]["values"]:
        if not re.search(r"`" + re.escape(value) + r"`", contract):
            problems.append(f"policy {policy['name']}: {value} is not an event type of the contract")
if not any(p["type"] == "status_code" and "ERROR" in p["status_code"]["status_codes"] for p in policies):
    problems.append("no policy keeps error traces")

if problems:
    print("collector.yaml:\n  " + "\n  ".join(problems))
    sys.exit(1)
print(f"collector ok: {len(config['service']['pipelines'])} pipeline(s), {len(policies)} sampling policies")
