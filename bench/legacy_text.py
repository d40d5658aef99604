"""How fast pasted text is checked for the legacy encodings TCVN3 and VNI (`fix_legacy`).

    .venv/bin/python bench/legacy_text.py

Every page and record form passes its text through `fix_legacy`; ordinary Unicode must leave at
the quick exit. Prints, for about 300 KB of each kind of text, the best of five runs in ms and
the throughput in MB/s. Uses the real news corpus (`../shared/corpus/corpus.jsonl`) when it is
there, else a repeated Vietnamese paragraph. Prints figures, asserts nothing.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xaso.core.legacy_text import fix_legacy  # noqa: E402

SIZE = 300_000
PARAGRAPH = (
    "Ủy ban nhân dân xã thông báo: người dân có nhu cầu làm thủ tục chứng thực, hộ tịch vui lòng "
    "đến bộ phận một cửa vào giờ hành chính các ngày trong tuần.\n"
)
TCVN3 = "H\xadíng dÉn thi hµnh NghÞ ®Þnh sè 30/1998/N§-CP ngµy 13 th¸ng 5 n¨m 1998\n"
VNI = "Veà vieäc pheâ duyeät Keá hoaïch thöïc hieän quy hoaïch söû duïng röøng, ñaát röøng\n"


def _unicode_text() -> str:
    corpus = ROOT.parent / "shared" / "corpus" / "corpus.jsonl"
    if corpus.exists():
        parts: list[str] = []
        with corpus.open(encoding="utf-8") as lines:
            for line in lines:
                item = json.loads(line)
                parts.append(item.get("body", ""))
                if sum(map(len, parts)) > SIZE:
                    break
        return "\n".join(parts)[:SIZE]
    return (PARAGRAPH * (SIZE // len(PARAGRAPH) + 1))[:SIZE]


def _best_ms(text: str) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        fix_legacy(text)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    unicode_text = _unicode_text()
    cases = {
        "Unicode (quick exit)": unicode_text,
        "Unicode with © on every 50th line": "\n".join(
            line + (" © 2024" if index % 50 == 0 else "")
            for index, line in enumerate(unicode_text.split("\n"))
        ),
        "TCVN3": (TCVN3 * (SIZE // len(TCVN3) + 1))[:SIZE],
        "VNI": (VNI * (SIZE // len(VNI) + 1))[:SIZE],
    }
    print(f"{'text':40} {'KB':>6} {'ms':>9} {'MB/s':>8}")
    for name, text in cases.items():
        ms = _best_ms(text)
        size = len(text.encode("utf-8"))
        print(f"{name:40} {size / 1000:6.0f} {ms:9.1f} {size / 1e6 / (ms / 1000):8.1f}")


if __name__ == "__main__":
    main()
