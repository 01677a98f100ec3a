#!/usr/bin/env python3
"""Times yt-dlp's own TikTok page parser on a saved page: TikTokIE._get_universal_data (find and
decode the rehydration JSON) + _parse_aweme_video_web (read the item), exactly as yt-dlp does
after downloading a video page. No network. Prints one JSON object: per-page times in ms (one per
round, each the mean of `iterations` parses) and the counts it read, for trendline-bench.

usage: ytdlp_tiktok_parse.py PAGE VIDEO_ID [rounds] [iterations]
"""
import json
import sys
import time

from yt_dlp import YoutubeDL
from yt_dlp.extractor.tiktok import TikTokIE


def main():
    page_path, video_id = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    iterations = int(sys.argv[4]) if len(sys.argv) > 4 else 50
    with open(page_path, encoding='utf-8') as handle:
        webpage = handle.read()
    url = f'https://www.tiktok.com/@x/video/{video_id}'
    ie = TikTokIE(YoutubeDL({'quiet': True, 'no_warnings': True}))

    def parse():
        universal = ie._get_universal_data(webpage, video_id)
        item = universal['webapp.video-detail']['itemInfo']['itemStruct']
        return ie._parse_aweme_video_web(item, url, video_id)

    info = parse()
    per_page_ms = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(iterations):
            parse()
        per_page_ms.append((time.perf_counter() - start) * 1000 / iterations)
    print(json.dumps({
        'yt_dlp_version': __import__('yt_dlp').version.__version__,
        'per_page_ms': per_page_ms,
        'views': info.get('view_count'), 'likes': info.get('like_count'), 'comments': info.get('comment_count'),
        'shares': info.get('repost_count'), 'saves': info.get('save_count'),
    }))


if __name__ == '__main__':
    main()
