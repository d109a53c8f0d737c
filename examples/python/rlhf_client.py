"""A trainer-side client of reward-loop in Python, on Debian's packages only.

It speaks the Confluent wire format (magic byte 0, the 4-byte big-endian schema id, the Avro
binary body) against any Confluent-compatible Schema Registry: the one `./rlhf up` serves, or a
real one. Schemas come from the registry by subject (`<topic>-value`), never from a copy of the
.avsc files. Needs python3-confluent-kafka and python3-avro (Debian/Ubuntu), nothing else.
"""

import io
import json
import struct
import urllib.error
import urllib.request

import avro.io
import avro.schema
from confluent_kafka import Consumer, KafkaError, Producer

RESPONSES_TOPIC = "rlhf.responses"
REWARDS_TOPIC = "rlhf.rewards"
MAGIC_BYTE = 0
_HEADER = struct.Struct(">bI")
_REGISTRY_TYPE = "application/vnd.schemaregistry.v1+json"


class RegistryError(Exception):
    """The registry refused a request; carries Confluent's error code."""

    def __init__(self, status, error_code, message):
        super().__init__(f"HTTP {status} (error {error_code}): {message}")
        self.status = status
        self.error_code = error_code


class SchemaRegistry:
    """The part of Confluent's Schema Registry REST API a client needs, with a cache by id."""

    def __init__(self, url, timeout=10.0):
        self.url = url.rstrip("/")
        self.timeout = timeout
        self._by_id = {}

    def latest(self, subject):
        """The newest version of a subject: (schema id, parsed Avro schema)."""
        answer = self._get(f"/subjects/{urllib.request.quote(subject, safe='')}/versions/latest")
        schema = avro.schema.parse(answer["schema"])
        self._by_id[answer["id"]] = schema
        return answer["id"], schema

    def schema_by_id(self, schema_id):
        """The writer schema a record names by its id."""
        if schema_id not in self._by_id:
            answer = self._get(f"/schemas/ids/{schema_id}")
            self._by_id[schema_id] = avro.schema.parse(answer["schema"])
        return self._by_id[schema_id]

    def _get(self, path):
        request = urllib.request.Request(self.url + path, headers={"Accept": _REGISTRY_TYPE})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.load(response)
        except urllib.error.HTTPError as e:
            body = json.loads(e.read() or b"{}")
            raise RegistryError(e.code, body.get("error_code"), body.get("message")) from e


def encode(schema_id, schema, datum):
    """A record in the Confluent wire format."""
    out = io.BytesIO()
    out.write(_HEADER.pack(MAGIC_BYTE, schema_id))
    avro.io.DatumWriter(schema).write(datum, avro.io.BinaryEncoder(out))
    return out.getvalue()


def decode(registry, data, reader_schema=None):
    """Decodes a Confluent-framed record, resolving its writer schema against reader_schema."""
    if len(data) < _HEADER.size:
        raise ValueError(f"{len(data)} bytes cannot be a Confluent-framed record")
    magic, schema_id = _HEADER.unpack_from(data)
    if magic != MAGIC_BYTE:
        raise ValueError(f"unknown magic byte {magic}: not the Confluent wire format")
    writer = registry.schema_by_id(schema_id)
    reader = avro.io.DatumReader(writer, reader_schema or writer)
    return reader.read(avro.io.BinaryDecoder(io.BytesIO(data[_HEADER.size:])))


class ResponsePublisher:
    """Publishes ResponseGenerated events: idempotent, keyed by promptId, schema by subject."""

    def __init__(self, bootstrap_servers, registry):
        self.schema_id, self.schema = registry.latest(RESPONSES_TOPIC + "-value")
        self._producer = Producer(
            {
                "bootstrap.servers": bootstrap_servers,
                "enable.idempotence": True,
                "acks": "all",
            }
        )
        self._errors = []

    def publish(self, response):
        """Queues one event (a dict with the ResponseGenerated fields)."""
        self._producer.produce(
            RESPONSES_TOPIC,
            key=response["promptId"].encode("utf-8"),
            value=encode(self.schema_id, self.schema, response),
            on_delivery=self._delivered,
        )
        self._producer.poll(0)

    def flush(self, timeout):
        """Waits for every queued event; raises when one was not delivered."""
        left = self._producer.flush(timeout)
        if left or self._errors:
            raise RuntimeError(f"{left} events not delivered; errors: {self._errors}")

    def _delivered(self, error, _message):
        if error is not None:
            self._errors.append(str(error))


class RewardReader:
    """Reads RewardScored events from rlhf.rewards, committed transactions only."""

    def __init__(self, bootstrap_servers, registry, group_id):
        self._registry = registry
        self._consumer = Consumer(
            {
                "bootstrap.servers": bootstrap_servers,
                "group.id": group_id,
                "isolation.level": "read_committed",
                "auto.offset.reset": "earliest",
                "enable.auto.commit": False,
            }
        )
        self._consumer.subscribe([REWARDS_TOPIC])

    def poll(self, timeout):
        """The next reward as a dict, or None when none came within timeout seconds."""
        message = self._consumer.poll(timeout)
        if message is None:
            return None
        if message.error():
            if message.error().code() == KafkaError._PARTITION_EOF:
                return None
            raise RuntimeError(f"consuming {REWARDS_TOPIC} failed: {message.error()}")
        return decode(self._registry, message.value())

    def close(self):
        self._consumer.close()


def get_reward(scorer_url, queries, prompts, timeout=30.0):
    """POST /get_reward: rewards for prompt+response texts, in order (OpenRLHF's remote RM API)."""
    body = json.dumps({"query": queries, "prompts": prompts}).encode("utf-8")
    request = urllib.request.Request(
        scorer_url.rstrip("/") + "/get_reward",
        data=body,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)["rewards"]
