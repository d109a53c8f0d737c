# One image for every service of the reward loop: `rlhf <service>` picks which one runs.
#   docker build -t rewardloop/rlhf .        (docker-compose.yml does this for you)
#   docker run --rm rewardloop/rlhf --help

# --- build: the launcher and everything it depends on, with its runtime libraries ---
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl launcher -am package

# --- run: a JRE, the launcher jar and its libraries, as an unprivileged user ---
FROM eclipse-temurin:17-jre
# The model store exists in the image, owned by rlhf, so a named volume mounted there
# (docker-compose.yml) starts with that owner instead of root.
RUN useradd --create-home --uid 10001 rlhf \
    && mkdir -p /var/lib/rlhf/models && chown -R rlhf /var/lib/rlhf
WORKDIR /app
COPY --from=build /src/launcher/target/launcher.jar /app/launcher.jar
COPY --from=build /src/launcher/target/lib /app/lib
RUN printf '#!/bin/sh\nexec java $RLHF_JAVA_OPTS -Dai.djl.offline=true -cp "/app/launcher.jar:/app/lib/*" io.rewardloop.launcher.RlhfCommand "$@"\n' \
        > /usr/local/bin/rlhf \
    && chmod 755 /usr/local/bin/rlhf
USER rlhf
ENV RLHF_JAVA_OPTS="-XX:MaxRAMPercentage=75" \
    OMP_WAIT_POLICY=PASSIVE
ENTRYPOINT ["rlhf"]
CMD ["--help"]
