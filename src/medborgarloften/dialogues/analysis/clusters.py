"""Grouping comments that fit no theme, so a coordinator sees what else residents talk about.

K-means (deterministic k-means++ start, cosine geometry on L2-normalised
TF-IDF rows of stemmed content words); each group is described by the
words with the highest weight in its centre, shown in the form residents
used most often.
"""

from collections import Counter, defaultdict

import numpy as np

from .classifier import _Tfidf
from .text import FOLD, STOP_FOLDED, content_stems, stem, tokenize

SEED = 20161
TYPICAL_WORDS = 6


def choose_k(n):
    """Return the number of groups for ``n`` comments: about √(n/2), between 2 and 8 (1 for tiny sets)."""
    if n < 4:
        return 1
    return int(min(8, max(2, round((n / 2) ** 0.5))))


def _kmeans(X, k, *, iterations=50, seed=SEED):
    rng = np.random.default_rng(seed)
    n = X.shape[0]
    centres = [X[rng.integers(n)]]
    for _ in range(1, k):
        distance = np.min([1 - X @ c for c in centres], axis=0).clip(min=0)
        total = distance.sum()
        index = int(rng.choice(n, p=distance / total)) if total > 0 else int(rng.integers(n))
        centres.append(X[index])
    C = np.array(centres)
    labels = np.zeros(n, dtype=int)
    for _ in range(iterations):
        new_labels = np.argmax(np.einsum("ij,kj->ik", X, C), axis=1)
        if _ and np.array_equal(new_labels, labels):
            break
        labels = new_labels
        for j in range(k):
            members = X[labels == j]
            if len(members):
                centre = members.mean(axis=0)
                norm = np.linalg.norm(centre)
                C[j] = centre / norm if norm else centre
    return labels, C


def _surface_forms(texts):
    """Return {stem: the word form used most often for it}."""
    forms = defaultdict(Counter)
    for text in texts:
        for token in tokenize(text):
            if token.translate(FOLD) not in STOP_FOLDED and len(token) > 1:
                forms[stem(token)][token] += 1
    return {s: counter.most_common(1)[0][0] for s, counter in forms.items()}


def cluster_texts(texts, *, k=None):
    """Group ``texts``; return [{"words": [typical words], "members": [indexes into texts]}], largest first."""
    if not texts:
        return []
    tfidf = _Tfidf(content_stems, min_df=1)
    documents = tfidf.fit(texts)
    if not tfidf.vocabulary:
        return [{"words": [], "members": list(range(len(texts)))}]
    X = tfidf.transform(texts, documents)
    k = min(k or choose_k(len(texts)), len(texts))
    labels, centres = _kmeans(X, k) if k > 1 else (np.zeros(len(texts), dtype=int), X.mean(axis=0, keepdims=True))
    terms = sorted(tfidf.vocabulary, key=tfidf.vocabulary.get)
    forms = _surface_forms(texts)
    groups = []
    for j in range(k):
        members = [i for i in range(len(texts)) if labels[i] == j]
        if not members:
            continue
        # Typical words: heavy in the centre and used by more than one member where possible.
        used = Counter(t for i in members for t in set(documents[i]))
        order = np.argsort(-centres[j])
        words = [terms[c] for c in order if centres[j][c] > 0 and (used[terms[c]] > 1 or len(members) == 1)]
        words = words[:TYPICAL_WORDS] or [terms[c] for c in order[:TYPICAL_WORDS] if centres[j][c] > 0]
        groups.append({"words": [forms.get(w, w) for w in words], "members": members})
    return sorted(groups, key=lambda g: (-len(g["members"]), g["members"][0]))
