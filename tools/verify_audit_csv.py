"""Verify an audit export (CSV) from Styrkort without Styrkort: Python's standard library only.

    python verify_audit_csv.py ändringslogg.csv

For every entry: SHA-256 of (previous entry's hash + "hashat innehåll") must be the entry's hash,
the previous hash must be the hash of the entry before it, and the hashed content must say what
the readable columns say. Prints the chain's checksum (length and last hash) to compare with the
"Ändringsloggens kontrollsumma" line on a review pack. Exit 0 when the chain holds.
Export the whole log (no filter) to check the links from the first entry to the last."""

import csv
import hashlib
import json
import sys

GENESIS = "0" * 64
SHOWN = {"at": "tid", "user": "användare", "action": "åtgärd", "entity": "objekt", "entity_id": "objekt-id",
         "field": "fält", "old": "tidigare värde", "new": "nytt värde", "summary": "sammanfattning",
         "batch": "import"}


def main(path):
    problems, prev, count = 0, GENESIS, 0
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            count += 1
            where = f"post nr {row['nr']} (id {row['id']})"
            if row["föregående hash"] != prev:
                print(f"{where}: länken till föregående post stämmer inte")
                problems += 1
            payload = row["hashat innehåll"]
            if hashlib.sha256((row["föregående hash"] + payload).encode("utf-8")).hexdigest() != row["hash"]:
                print(f"{where}: innehållet stämmer inte med hashen")
                problems += 1
            content = json.loads(payload)
            for key, column in SHOWN.items():
                value = content.get(key)
                value = "" if value is None else str(value).replace("T", " ", 1) if key == "at" else str(value)
                if value != row[column]:
                    print(f"{where}: kolumnen {column} säger något annat än det hashade innehållet")
                    problems += 1
            prev = row["hash"]
    print(f"{count} poster, sista hash {prev}: {'kedjan håller' if not problems else f'{problems} problem'}")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
