# syntax=docker/dockerfile:1
# One image with both programs; its default command is the worker. Build it from the repository
# root with: docker build -t ttg:0.1.0 .
# Without a Docker daemon, build the same layout with Jib: mvn -DskipTests package jib:buildTar

# Build stage: the shaded jars of producer and worker. .dockerignore keeps build output, docs
# and manifests out of the context. The cache mount keeps ~/.m2 between builds (BuildKit, the
# default builder since Docker 23), so dependencies are downloaded once.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests package -pl producer,worker -am

# Runtime stage: a Java 17 JRE, the two jars, and a non-root user with a numeric id, so that
# Kubernetes can verify runAsNonRoot without a runAsUser of its own.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 ttg \
    && useradd --system --uid 10001 --gid ttg --no-create-home --home-dir /tmp ttg
WORKDIR /app
COPY --from=build /src/producer/target/ttg-producer.jar /src/worker/target/ttg-worker.jar /app/
USER 10001:10001
LABEL org.opencontainers.image.title="ttg" \
      org.opencontainers.image.description="TTG: ttg-worker (the default) and ttg-producer" \
      org.opencontainers.image.version="0.1.0"
# The producer runs with: java -cp /app/ttg-producer.jar io.ttg.producer.ProducerMain COMMAND
CMD ["java", "-cp", "/app/ttg-worker.jar", "io.ttg.worker.WorkerMain"]
