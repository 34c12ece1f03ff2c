# Pahlawan Pangan: the commands of the README.
SHELL := /bin/bash
MVN ?= mvn -B -q
DAY ?= target/demo/day.jsonl
DECISIONS ?= target/demo/decisions.jsonl
OFFERS ?= 20000
NGOS ?= 1500
PARALLELISM ?= 2
DURATION ?= 90s
# make jmh's settings: short, for a table in a few minutes (JMH's own defaults take about an hour)
JMH_OPTS ?= -f 1 -wi 3 -w 2s -i 5 -r 2s

.PHONY: tools services redis chromium build demo replay-demo bench bench-live bench-gateway soak jmh test unit-test conformance clean

tools:
	@scripts/require-tools

## Builds the shaded job jar (job/target/pangan-job.jar), the tools (tools/target/pangan-tools.jar) and their local classpaths.
build: tools
	$(MVN) -DskipTests package

## The first command: the whole product on this machine. Services up, schema migrated, the live job on an
## embedded Flink cluster against NATS and PostGIS, the simulator driving it, a summary from PostGIS.
demo: build services
	bin/pangan demo --duration $(DURATION)

## A generated Indonesian day replayed through the job (backtesting; no services needed).
replay-demo: build
	bin/pangan generate --offers $(OFFERS) --ngos $(NGOS) --output $(DAY)
	bin/pangan replay --parallelism $(PARALLELISM) --input $(DAY) --output $(DECISIONS)

## PostgreSQL + PostGIS and NATS JetStream on loopback (installed when missing, reused when running).
services:
	@scripts/services up

## Headless Chromium from Debian's packages, for the dispatcher page's browser tests (installed when missing).
chromium:
	@scripts/chromium >/dev/null

## Every test: unit and harness tests, MiniCluster ITCases against the real services, the gateway against NATS and the
## dispatcher page in headless Chromium, then the conformance scenarios.
test: tools services chromium
	$(MVN) verify
	scripts/conformance
	scripts/check-observability

## Redis on loopback, for the Redis peer of make bench (installed when missing, reused when running).
redis:
	@scripts/redis up

## Throughput on this machine, as a table: the engine against its bound (a minimal keyed lifecycle), its cost as NGOs
## grow and under a hot spot, the whole replay, each sink, and the peers' candidate lookups (PostGIS KNN, Redis
## GEOSEARCH); writes docs/BENCHMARKS.md and docs/bench-ngos.png. About twelve minutes on a quiet machine, the days
## generated the first time included (they are kept in target/bench/days); longer when other work shares the cores.
bench: build services redis
	bin/pangan bench --doc docs/BENCHMARKS.md

## JMH microbenchmarks of the hot paths (candidate search, input parsing, state serialization), JMH's table; JMH_OPTS to change the settings.
jmh: tools
	$(MVN) -DskipTests package -pl jmh -am
	java -cp "jmh/target/pangan-jmh.jar:$$(cat jmh/target/runtime.classpath)" org.openjdk.jmh.Main $(JMH_OPTS)

## The live job in real time under fixed offered rates (latency, lag, CPU per process), as a table; writes
## docs/BENCHMARKS.md and docs/bench-live.png. About fifteen minutes.
bench-live: build services
	bin/pangan bench-live --doc docs/BENCHMARKS.md

## The HTTP gateway alone (its own process, on NATS, no job) under fixed offered rates, as a table: latency from each
## request's scheduled time, CPU per process, JetStream's counts against the answers; writes its section of
## docs/BENCHMARKS.md. About two minutes.
bench-gateway: build services
	bin/pangan bench-gateway --doc docs/BENCHMARKS.md

## The memory soak: the live job at 1,000 offers/s for 10 minutes, its heap after GC, RocksDB and checkpoint sizes sampled
## every 30 s, as a table and a verdict (flat, or growth per minute); writes its section of docs/BENCHMARKS.md and
## docs/soak.png. About thirteen minutes.
soak: build services
	bin/pangan soak --doc docs/BENCHMARKS.md

unit-test: tools chromium
	$(MVN) test

conformance: build
	scripts/conformance

clean:
	$(MVN) clean
	rm -rf target
