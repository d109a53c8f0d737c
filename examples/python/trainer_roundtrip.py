#!/usr/bin/python3
"""Round-trips a trainer's traffic through reward-loop, as a non-Java client would.

Produces N ResponseGenerated events to rlhf.responses, waits for their RewardScored events on
rlhf.rewards (read_committed), matches them by responseId, and, with --get-reward, checks that the
scorer's POST /get_reward gives the same rewards for the same texts. Exit code 0 when everything
matched, 1 otherwise, 3 when a Debian package is missing.

    ./rlhf up --model models/v0001          # in another terminal
    /usr/bin/python3 examples/python/trainer_roundtrip.py --count 4 --get-reward
"""

import argparse
import datetime
import sys
import time
import uuid

try:
    import rlhf_client
except ImportError as missing:
    print(
        f"missing Python package ({missing}): install Debian's python3-confluent-kafka and"
        " python3-avro (apt-get install python3-confluent-kafka python3-avro) and run"
        " /usr/bin/python3",
        file=sys.stderr,
    )
    sys.exit(3)

PROMPTS = [
    "Explain why the sky is blue in two sentences.",
    "Give one tip for writing readable code.",
    "What is a Kafka consumer group?",
]
ANSWERS = [
    "Sunlight scatters off air molecules, and blue light scatters most.",
    "Name things for what they mean.",
    "Consumers sharing a group id split the partitions of the topics they read.",
    "I don't know.",
]


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap-servers", default="127.0.0.1:9092")
    parser.add_argument("--schema-registry-url", default="http://127.0.0.1:8081")
    parser.add_argument("--scorer-url", default="http://127.0.0.1:8080")
    parser.add_argument("--count", type=int, default=4, help="responses to send (default 4)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for rewards")
    parser.add_argument(
        "--get-reward",
        action="store_true",
        help="also call POST /get_reward and check it gives the rewards Kafka carried",
    )
    parser.add_argument("--tolerance", type=float, default=1e-4)
    return parser.parse_args()


def responses(count, run):
    now = datetime.datetime.now(datetime.timezone.utc)
    for i in range(count):
        yield {
            "responseId": f"py-{run}-{i}",
            "promptId": f"py-{run}-prompt-{i % len(PROMPTS)}",
            "prompt": PROMPTS[i % len(PROMPTS)],
            "messages": [],
            "response": ANSWERS[i % len(ANSWERS)],
            "policyVersion": "python-example",
            "rlhfRound": 1,
            "createdAt": now,
            "metadata": {"client": "examples/python"},
        }


def await_rewards(reader, wanted, timeout):
    rewards = {}
    deadline = time.monotonic() + timeout
    while len(rewards) < len(wanted) and time.monotonic() < deadline:
        reward = reader.poll(1.0)
        if reward is not None and reward["responseId"] in wanted:
            rewards[reward["responseId"]] = reward
    return rewards


def main():
    args = arguments()
    run = uuid.uuid4().hex[:8]
    registry = rlhf_client.SchemaRegistry(args.schema_registry_url)
    sent = {r["responseId"]: r for r in responses(args.count, run)}

    reader = rlhf_client.RewardReader(args.bootstrap_servers, registry, f"python-example-{run}")
    publisher = rlhf_client.ResponsePublisher(args.bootstrap_servers, registry)
    for response in sent.values():
        publisher.publish(response)
    publisher.flush(30)
    print(
        f"produced {len(sent)} ResponseGenerated to {rlhf_client.RESPONSES_TOPIC}"
        f" (schema id {publisher.schema_id})",
        flush=True,
    )

    try:
        rewards = await_rewards(reader, sent, args.timeout)
    finally:
        reader.close()
    for response_id, reward in sorted(rewards.items()):
        print(f"reward {response_id} score={reward['score']:.6f} model={reward['modelVersion']}")
    if len(rewards) < len(sent):
        missing = sorted(set(sent) - set(rewards))
        print(f"FAILED: no RewardScored within {args.timeout} s for {missing}", file=sys.stderr)
        return 1
    print(f"consumed {len(rewards)} RewardScored from {rlhf_client.REWARDS_TOPIC}", flush=True)

    if args.get_reward:
        order = sorted(sent)
        prompts = [sent[i]["prompt"] for i in order]
        queries = [sent[i]["prompt"] + sent[i]["response"] for i in order]
        http = rlhf_client.get_reward(args.scorer_url, queries, prompts)
        diffs = [abs(h - rewards[i]["score"]) for h, i in zip(http, order)]
        if len(http) != len(order) or max(diffs) > args.tolerance:
            print(f"FAILED: /get_reward gave {http}, Kafka {[rewards[i]['score'] for i in order]}",
                  file=sys.stderr)
            return 1
        print(f"get_reward matches the Kafka scores (max difference {max(diffs):.2e})")
    print(f"OK: {len(sent)} responses scored end to end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
