#!/usr/bin/python3
"""The PyTorch reference for the TRANSFORMER student's training step (issue #14).

Trains the network of dev.distill.engine.student.transformer.TransformerStudent in a plain PyTorch loop: BERT's
post-LN encoder (LayerNorm(embedding + position + token type), layers of self-attention with a -10000 bias on padded
keys, residual and LayerNorm, exact-GELU feed-forward, residual and LayerNorm), the mean of the real tokens' rows,
dropout, the output layer; AdamW (weight decay 0.01) over every parameter, the 30522-row embedding table included,
global-norm gradient clipping at 1.0. The loss has the engine's terms for a cut student: soft KD and hard CE, the
layer-state MSE against teacher states and the attention KL against teacher attention (the teacher's values are
fixed random tensors of the right shapes: their values do not change the cost; the teacher's own run is timed on
the Java side). Reads the batches StudentStepBenchmark wrote and prints the texts/s over them after the
warm-up, split into forward+loss, backward, and update.

Usage: /usr/bin/python3 transformer_peer.py distill-engine/target/engine-fixtures/bench/transformer-batches.json [threads]
"""
import json
import math
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

VOCAB, WIDTH, HEADS, FEED_FORWARD, LAYERS, MAX_LENGTH, CLASSES = 30522, 384, 12, 1536, 3, 64, 2


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.query, self.key, self.value = (nn.Linear(WIDTH, WIDTH) for _ in range(3))
        self.attention_output = nn.Linear(WIDTH, WIDTH)
        self.attention_norm = nn.LayerNorm(WIDTH, eps=1e-12)
        self.intermediate = nn.Linear(WIDTH, FEED_FORWARD)
        self.output = nn.Linear(FEED_FORWARD, WIDTH)
        self.output_norm = nn.LayerNorm(WIDTH, eps=1e-12)

    def forward(self, x, key_bias):
        b, length, _ = x.shape
        size = WIDTH // HEADS
        q = self.query(x).view(b, length, HEADS, size).transpose(1, 2)
        k = self.key(x).view(b, length, HEADS, size).permute(0, 2, 3, 1)
        v = self.value(x).view(b, length, HEADS, size).transpose(1, 2)
        weights = (q.matmul(k) / math.sqrt(size) + key_bias).softmax(3)
        context = weights.matmul(v).transpose(1, 2).reshape(b, length, WIDTH)
        attended = self.attention_norm(self.attention_output(context) + x)
        return self.output_norm(self.output(F.gelu(self.intermediate(attended))) + attended), weights


class Student(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(VOCAB, WIDTH)
        self.position = nn.Parameter(torch.randn(MAX_LENGTH, WIDTH) * 0.02)
        self.token_type = nn.Parameter(torch.randn(WIDTH) * 0.02)
        self.embedding_norm = nn.LayerNorm(WIDTH, eps=1e-12)
        self.layers = nn.ModuleList(Layer() for _ in range(LAYERS))
        self.dropout = nn.Dropout(0.1)
        self.out = nn.Linear(WIDTH, CLASSES)

    def forward(self, ids, mask):
        length = ids.shape[1]
        hidden = self.embedding_norm(self.embedding(ids) + self.position[:length] + self.token_type)
        key_bias = ((1 - mask) * -10000.0)[:, None, None, :]
        states = []
        for layer in self.layers:
            hidden, attention = layer(hidden, key_bias)
            states.append(hidden)
        pooled = (hidden * mask[:, :, None]).sum(1) / mask.sum(1, keepdim=True)
        return self.out(self.dropout(pooled)), torch.stack(states, 1), attention


def loss_of(logits, states, attention, labels, mask, teacher):
    soft = F.kl_div(F.log_softmax(logits, 1), F.softmax(teacher["logits"], 1), reduction="batchmean")
    hard = F.cross_entropy(logits, labels)
    tokens = mask[:, None, :, None]
    layer = ((states - teacher["states"]) ** 2 * tokens).sum() / (mask.sum() * LAYERS * WIDTH)
    t = teacher["attention"]
    divergence = (t * (t.clamp_min(1e-8).log() - attention.clamp_min(1e-8).log()) * mask[:, None, None, :]).sum(3)
    attention_term = (divergence * mask[:, None, :]).sum() / (mask.sum() * HEADS)
    return 0.5 * soft + 0.5 * hard + layer + attention_term


def main():
    batches_file = json.load(open(sys.argv[1]))
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    torch.set_num_threads(threads)
    torch.manual_seed(7)
    model = Student()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.01)
    warmup = batches_file["warmup"]
    parts = {"forward+loss": 0.0, "backward": 0.0, "update": 0.0}
    texts = 0
    for step, batch in enumerate(batches_file["batches"]):
        rows = batch["ids"]
        length = max(len(r) for r in rows)
        ids = torch.zeros(len(rows), length, dtype=torch.long)
        mask = torch.zeros(len(rows), length)
        for i, r in enumerate(rows):
            ids[i, :len(r)] = torch.tensor(r)
            mask[i, :len(r)] = 1
        labels = torch.tensor(batch["labels"])
        teacher = {"logits": torch.randn(len(rows), CLASSES),
                   "states": torch.randn(len(rows), LAYERS, length, WIDTH),
                   "attention": torch.randn(len(rows), HEADS, length, length).softmax(3)}
        start = time.perf_counter()
        logits, states, attention = model(ids, mask)
        loss = loss_of(logits, states, attention, labels, mask, teacher)
        loss.item()
        forward = time.perf_counter()
        loss.backward()
        backward = time.perf_counter()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=False)
        done = time.perf_counter()
        if step >= warmup:
            parts["forward+loss"] += forward - start
            parts["backward"] += backward - forward
            parts["update"] += done - backward
            texts += len(rows)
    steps = len(batches_file["batches"]) - warmup
    total = sum(parts.values())
    print("pytorch %s, %d thread(s): %.1f texts/s over %d steps; %s" % (torch.__version__, threads, texts / total,
          steps, ", ".join("%s %.1f ms/step" % (k, v * 1000 / steps) for k, v in parts.items())))


if __name__ == "__main__":
    main()
