#!/usr/bin/python3
"""The benchmark's peer: the same students trained in a plain PyTorch loop.

Reads the batches file that bench/run writes (token ids cut into the distill engine's own
length-bucketed batches, gold labels, the teacher's logits, the student's sizes and the loss
settings) and trains each named architecture on those batches, with the math of the engine's
students (dev.distill.engine.student; exported by dev.distill.onnx.student), the same KD loss (alpha * T^2 * KL(teacher_T || student_T) +
(1 - alpha) * CE), AdamW, global-norm gradient clipping and dropout on the sentence vector, and as
many threads as the engine. Prints one line: "peer: " and, per architecture, the training texts/s
over the batches after WARMUP_BATCHES warm-up batches. When the file has a dev set (whole epochs, with
"epochBatches"), the peer also measures its dev accuracy after each epoch: the plain PyTorch KD recipe
that distill's quality is compared with (a constant learning rate, random embeddings, no other term).

Usage: /usr/bin/python3 train_peer.py <batches.json> BILSTM [CNN] [BAG_OF_EMBEDDINGS]
"""
import json
import os
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

WARMUP_BATCHES = 3


class BiLstm(nn.Module):
    """Tang et al. 2019: a bidirectional LSTM over the real tokens, then a ReLU layer."""

    def __init__(self, vocab, d, h, classes, dropout):
        super().__init__()
        self.embedding = nn.Embedding(vocab, d)
        self.lstm = nn.LSTM(d, h, batch_first=True, bidirectional=True)
        self.dropout = nn.Dropout(dropout)
        self.fc1 = nn.Linear(2 * h, h)
        self.out = nn.Linear(h, classes)

    def forward(self, ids, mask, lengths):
        packed = pack_padded_sequence(self.embedding(ids), lengths, batch_first=True, enforce_sorted=False)
        _, (h_n, _) = self.lstm(packed)
        sentence = torch.cat([h_n[0], h_n[1]], dim=1)  # forward after the last token, backward after token 0
        return self.out(F.relu(self.fc1(self.dropout(sentence))))


class Cnn(nn.Module):
    """Kim 2014: max-pooled ReLU convolutions over the valid windows of each row."""

    def __init__(self, vocab, d, h, kernels, classes, dropout):
        super().__init__()
        self.embedding = nn.Embedding(vocab, d)
        self.kernels = list(kernels)
        self.convs = nn.ModuleList(nn.Conv1d(d, h, k) for k in self.kernels)
        self.dropout = nn.Dropout(dropout)
        self.out = nn.Linear(h * len(self.kernels), classes)

    def forward(self, ids, mask, lengths):
        x = self.embedding(ids) * mask.unsqueeze(2)
        x = F.pad(x.transpose(1, 2), (0, max(self.kernels) - 1))
        features = []
        for k, conv in zip(self.kernels, self.convs):
            c = F.relu(conv(x))
            valid = torch.arange(c.shape[2]).unsqueeze(0) < torch.clamp(lengths - k + 1, min=1).unsqueeze(1)
            features.append((c * valid.unsqueeze(1)).max(dim=2).values)
        return self.out(self.dropout(torch.cat(features, dim=1)))


class BagOfEmbeddings(nn.Module):
    """fastText-like: the mean of the real tokens' embeddings, then a ReLU layer."""

    def __init__(self, vocab, d, h, classes, dropout):
        super().__init__()
        self.embedding = nn.Embedding(vocab, d)
        self.dropout = nn.Dropout(dropout)
        self.fc1 = nn.Linear(d, h)
        self.out = nn.Linear(h, classes)

    def forward(self, ids, mask, lengths):
        mean = (self.embedding(ids) * mask.unsqueeze(2)).sum(dim=1) / lengths.unsqueeze(1)
        return self.out(F.relu(self.fc1(self.dropout(mean))))


def student(architecture, spec):
    v, d, h, c, p = spec["vocabularySize"], spec["embeddingSize"], spec["hiddenSize"], spec["numClasses"], spec["dropout"]
    if architecture == "BILSTM":
        return BiLstm(v, d, h, c, p)
    if architecture == "CNN":
        return Cnn(v, d, h, spec["kernelSizes"], c, p)
    if architecture == "BAG_OF_EMBEDDINGS":
        return BagOfEmbeddings(v, d, h, c, p)
    # The bench asks only for these (PyTorchPeer.trains): the plain loop has no TRANSFORMER.
    raise SystemExit("unknown architecture " + architecture + "; expected BILSTM, CNN or BAG_OF_EMBEDDINGS")


def kd_loss(logits, labels, teacher, alpha, t):
    """alpha * T^2 * KL(softmax(teacher/T) || softmax(student/T)) + (1 - alpha) * CE over the labeled rows."""
    teacher_log = F.log_softmax(teacher / t, dim=1)
    student_log = F.log_softmax(logits / t, dim=1)
    soft = (teacher_log.exp() * (teacher_log - student_log)).sum(dim=1).mean() * t * t
    labeled = (labels >= 0).float()
    nll = -F.log_softmax(logits, dim=1).gather(1, labels.clamp(min=0).unsqueeze(1)).squeeze(1)
    hard = (nll * labeled).sum() / labeled.sum().clamp(min=1.0)
    return alpha * soft + (1 - alpha) * hard


def tensors(batch):
    """Pads a batch to its longest row (padding id 0 at the end, as the engine does)."""
    rows = batch["ids"]
    width = max(len(r) for r in rows)
    ids = torch.zeros(len(rows), width, dtype=torch.long)
    mask = torch.zeros(len(rows), width)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = torch.tensor(r, dtype=torch.long)
        mask[i, : len(r)] = 1.0
    lengths = torch.tensor([len(r) for r in rows], dtype=torch.long)
    return ids, mask, lengths, torch.tensor(batch["labels"], dtype=torch.long), torch.tensor(batch["teacher"])


def accuracy(model, dev):
    """The share of dev rows whose gold label is the model's top class (dropout off)."""
    model.eval()
    correct = 0
    with torch.no_grad():
        for ids, mask, lengths, labels in dev:
            correct += (model(ids, mask, lengths).argmax(dim=1) == labels).sum().item()
    model.train()
    return correct / sum(len(b[3]) for b in dev)


def train(architecture, spec, batches, dev=None, epoch_ends=()):
    torch.manual_seed(spec["seed"])
    model = student(architecture, spec)
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=spec["learningRate"], weight_decay=spec["weightDecay"])
    alpha, t, clip = spec["alpha"], spec["temperature"], spec["gradientClip"]
    texts, start, last_loss, evaluating, dev_accuracy = 0, None, float("nan"), 0.0, []
    for step, (ids, mask, lengths, labels, teacher) in enumerate(batches):
        if step == WARMUP_BATCHES:
            start = time.perf_counter()
        optimizer.zero_grad()
        loss = kd_loss(model(ids, mask, lengths), labels, teacher, alpha, t)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
        optimizer.step()
        last_loss = loss.item()
        if step >= WARMUP_BATCHES:
            texts += ids.shape[0]
        if dev is not None and step + 1 in epoch_ends:
            before = time.perf_counter()
            dev_accuracy.append(accuracy(model, dev))
            evaluating += time.perf_counter() - before
    seconds = time.perf_counter() - start - evaluating
    result = {"textsPerSecond": texts / seconds, "texts": texts, "seconds": seconds,
              "timedBatches": len(batches) - WARMUP_BATCHES, "lastLoss": last_loss}
    if dev is not None:
        result["devAccuracy"] = dev_accuracy
        result["bestDevAccuracy"] = max(dev_accuracy)
        result["bestEpoch"] = dev_accuracy.index(max(dev_accuracy)) + 1
    return result


def dev_batches(dev, size=64):
    """The dev set in batches of padded rows, with gold labels."""
    out = []
    for i in range(0, len(dev["ids"]), size):
        ids, mask, lengths, labels, _ = tensors({"ids": dev["ids"][i:i + size], "labels": dev["labels"][i:i + size],
                                                 "teacher": []})
        out.append((ids, mask, lengths, labels))
    return out


def main(argv):
    if len(argv) < 3:
        raise SystemExit("usage: train_peer.py <batches.json> BILSTM [CNN] [BAG_OF_EMBEDDINGS]")
    with open(argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    if len(spec["batches"]) <= WARMUP_BATCHES:
        raise SystemExit(argv[1] + " has " + str(len(spec["batches"])) + " batches; the peer needs more than "
                         + str(WARMUP_BATCHES) + " (the first are warm-up)")
    torch.set_num_threads(spec["threads"])
    torch.set_num_interop_threads(1)
    batches = [tensors(b) for b in spec["batches"]]
    dev = dev_batches(spec["dev"]) if "dev" in spec else None
    epoch_ends, end = set(), 0
    for n in spec.get("epochBatches", []):
        end += n
        epoch_ends.add(end)
    results = {a: train(a, spec, batches, dev, epoch_ends) for a in argv[2:]}
    blas = os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3")
    print("peer: " + json.dumps({"torch": torch.__version__, "blas": blas, "threads": torch.get_num_threads(),
                                 "warmupBatches": WARMUP_BATCHES, "architectures": results}), flush=True)


if __name__ == "__main__":
    main(sys.argv)
