# second-interview-api: a stateless REST/JSON content API. The content is embedded in the binary
# at compile time, so the runtime image holds that one file and nothing else.
#
#   docker build -t second-interview-api:0.1.0 .
#   docker run --rm -p 8080:8080 second-interview-api:0.1.0
#
# Checked without a Docker engine by tests/deploy/run: hadolint, and the release binary served from
# an empty directory as an unprivileged user.

# The one place the version lives; keep it equal to `version` in Cargo.toml
# (tests/deploy/run checks that they agree).
ARG VERSION=0.1.0
# Where the source lives, for org.opencontainers.image.source; CI passes the real URL with
# --build-arg SOURCE_URL=... (the repository has no public address yet).
ARG SOURCE_URL=https://github.com/second-interview-api/second-interview-api

# ---------------------------------------------------------------------------------------------
# The builder matches the toolchain the project is developed and tested with (`rustc --version`:
# 1.95.0; tests/deploy/run warns when they differ). Bookworm, so the binary links against the
# glibc (2.36) of the distroless cc-debian12 runtime below; a newer builder (trixie, glibc 2.41)
# could emit symbol versions the runtime lacks. For fully reproducible builds, append the image
# digest (rust:1.95.0-slim-bookworm@sha256:...) once it has been pulled somewhere with a registry.
FROM rust:1.95.0-slim-bookworm AS builder
WORKDIR /build

# 1. Dependencies only: a layer that is rebuilt when Cargo.toml or Cargo.lock change, not when
#    src/ or data/ do. The crate has a library (src/lib.rs) and a binary (src/main.rs), so both
#    get a stub; the stub's own artefacts are deleted so the real build below cannot reuse them
#    (COPY keeps the context's mtimes, which can be older than the stubs').
COPY Cargo.toml Cargo.lock ./
RUN mkdir src \
    && echo 'fn main() {}' > src/main.rs \
    && touch src/lib.rs \
    && cargo build --release --locked \
    && rm -rf src \
        target/release/second-interview-api \
        target/release/second-interview-api.d \
        target/release/.fingerprint/second-interview-api-* \
        target/release/deps/second_interview_api-* \
        target/release/deps/libsecond_interview_api-*

# 2. The service. data/*.toml is read by include_str! at compile time and is not needed at run time.
COPY data ./data
COPY src ./src
RUN cargo build --release --locked \
    && ./target/release/second-interview-api validate \
    && install -D -m 0755 target/release/second-interview-api /out/second-interview-api

# ---------------------------------------------------------------------------------------------
# glibc, libgcc_s and CA certificates; no shell, no package manager; user nonroot is 65532:65532.
FROM gcr.io/distroless/cc-debian12:nonroot AS runtime
ARG VERSION
ARG SOURCE_URL

LABEL org.opencontainers.image.title="second-interview-api" \
      org.opencontainers.image.description="A REST/JSON content API about second job interviews: stages, odds, tips, questions and follow-up emails." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="${SOURCE_URL}" \
      org.opencontainers.image.licenses="MIT"

COPY --from=builder --chown=0:0 /out/second-interview-api /usr/local/bin/second-interview-api

# Listen on every interface inside the container (the built-in default is 127.0.0.1), on 8080.
# The port is given as PORT, the variable platforms (Cloud Run, Heroku-style PaaS) set, so theirs
# replaces it; SIA__SERVER__PORT, when set, wins over both. The healthcheck reads the same settings.
ENV SIA__SERVER__HOST=0.0.0.0 \
    PORT=8080

EXPOSE 8080
# nonroot:nonroot of the distroless image, written as numbers: Kubernetes' runAsNonRoot can only
# verify a numeric user (a named one is refused unless the pod sets runAsUser), and hadolint
# (DL3066) asks for the same.
USER 65532:65532

# There is no curl in the image: the binary probes its own /healthz (exit 0 healthy, 1 not).
# The probe gives up after 2 s by itself, within the 3 s timeout here.
HEALTHCHECK --interval=15s --timeout=3s --start-period=5s --retries=3 \
    CMD ["/usr/local/bin/second-interview-api", "healthcheck"]

# SIGTERM (docker stop) drains: /readyz answers 503 at once, the listener closes after
# SIA__SHUTDOWN__DRAIN_DELAY_SECS (5), in-flight requests get SIA__SHUTDOWN__TIMEOUT_SECS (20).
# `docker stop` waits only 10 s by default: use `docker stop -t 30` (or shorten the delays).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/second-interview-api"]
CMD ["serve"]
