"""Build ingest_archive.warc.gz, the WARC fixture of tests/ingest/test_ingest.py (run from this folder)."""

from io import BytesIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PAGE_DATED = """<html><head><title>Power cut hits eastern districts</title>
<meta property="article:published_time" content="2024-02-20"></head><body><article>
<h1>Power cut hits eastern districts</h1>
<p>A power cut left about 40,000 homes in the eastern districts without electricity for six hours on Tuesday, the grid operator said.</p>
<p>Engineers traced the fault to a damaged transformer at a substation and restored supply by early evening, a spokesman said.</p>
</article></body></html>"""

PAGE_UNDATED = """<html><head><title>Library extends opening hours</title></head><body><article>
<h1>Library extends opening hours</h1>
<p>The central library will stay open until ten at night on weekdays from next month, the city's culture department announced, after a survey found strong demand among students.</p>
<p>The longer hours will be paid for from the existing budget, officials said.</p>
</article></body></html>"""


def main() -> None:
    with open("ingest_archive.warc.gz", "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, body, ctype in (
            ("https://news.example.com/power-cut", PAGE_DATED, "text/html; charset=utf-8"),
            ("https://news.example.com/logo.png", "\x89PNG not really", "image/png"),
            ("https://news.example.com/library-hours", PAGE_UNDATED, "text/html"),
        ):
            payload = body.encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=BytesIO(payload), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-03-01T12:00:00Z"},
            )
            writer.write_record(record)
        writer.write_record(writer.create_warc_record("https://news.example.com/", "request",
                                                     payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")))


if __name__ == "__main__":
    main()
