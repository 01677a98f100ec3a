#!/usr/bin/env python3
"""Prints what `yt-dlp -J --flat-playlist https://www.tiktok.com/@NAME` prints, made by yt-dlp's
own code (TikTokUserIE and YoutubeDL's flat-playlist processing) from a real captured TikTok video
page, with yt-dlp's two network reads answered from that page: the profile page (the captured
item's author and authorStats) and the post list (the captured item as its one entry).

This is how Tests/TrendlineProvidersTests/Fixtures/ytdlp-tiktok-user-conversion.doc.json was
made, so the yt-dlp creator parser is tested on yt-dlp's real output shape with real values:

    python3 scripts/ytdlp_creator_listing.py ../shared/fixtures/real/tiktok-video-7430511437199543584.html
"""
import json
import re
import sys

import yt_dlp
from yt_dlp.extractor.tiktok import TikTokUserIE

page = open(sys.argv[1], encoding="utf-8").read()
data = json.loads(re.search(r'<script[^>]+id="__UNIVERSAL_DATA_FOR_REHYDRATION__"[^>]*>(.*?)</script>', page, re.S).group(1))
item = data["__DEFAULT_SCOPE__"]["webapp.video-detail"]["itemInfo"]["itemStruct"]
detail = {"statusCode": 0, "userInfo": {"user": item["author"], "stats": item["authorStats"], "itemList": []}}
profile_page = ('<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">'
                + json.dumps({"__DEFAULT_SCOPE__": {"webapp.user-detail": detail}}) + "</script>")

TikTokUserIE._download_webpage = lambda self, *args, **kwargs: profile_page
TikTokUserIE._download_json = lambda self, *args, **kwargs: {"itemList": [item], "hasMorePrevious": False, "statusCode": 0}

with yt_dlp.YoutubeDL({"extract_flat": "in_playlist", "quiet": True, "skip_download": True, "playlistend": 30}) as ydl:
    info = ydl.extract_info("https://www.tiktok.com/@" + item["author"]["uniqueId"], download=False)
    print(json.dumps(ydl.sanitize_info(info), indent=1, sort_keys=True))
