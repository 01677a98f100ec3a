import Testing
import TrendlineCore

/// `track --from-file`: plain lists, spreadsheets' CSV and Trendline's own export.
struct URLListTextTests {
    @Test func aPlainListGivesEachLine() {
        let text = "# campaign\n\n  https://youtu.be/a  \r\nhttps://www.tiktok.com/@x/video/1\nnot a url\n"
        #expect(URLListText.urls(in: text) == ["https://youtu.be/a", "https://www.tiktok.com/@x/video/1", "not a url"])
    }

    @Test func trendlinesOwnExportGivesItsURLColumn() {
        let text = """
            id,platform,url,canonical_url,author,title,status\r
            5f0c,youtube,https://youtu.be/abc,https://www.youtube.com/watch?v=abc,Ann,"Hello, ""world""\r
            second line of the title",monitoring\r
            6a1d,tiktok,https://vm.tiktok.com/ZS1/,https://www.tiktok.com/@b/video/2,Bo,'=SUM(1),completed\r

            """
        #expect(URLListText.urls(in: text) == ["https://youtu.be/abc", "https://vm.tiktok.com/ZS1/"])
    }

    @Test func theFirstNamedURLColumnWins() {
        #expect(URLListText.urls(in: "canonical_url,Video_Link\nhttps://a/1,https://b/1\n") == ["https://b/1"])
        #expect(URLListText.urls(in: "name,link\nAnn,https://youtu.be/x\nBo,\n") == ["https://youtu.be/x"], "an empty cell gives nothing")
    }

    @Test func withoutAURLColumnEachRowGivesItsFirstWebURL() {
        let text = "creator,post,fee\nAnn,https://www.instagram.com/reel/ABC/,100\n\"Bo, Jr\",HTTP://youtu.be/y,50\nCy,pending,0\n"
        #expect(URLListText.urls(in: text) == ["https://www.instagram.com/reel/ABC/", "HTTP://youtu.be/y", "Cy"], "a row without a URL is kept to be reported")
        #expect(URLListText.urls(in: "https://youtu.be/1,launch\nhttps://youtu.be/2,teaser") == ["https://youtu.be/1", "https://youtu.be/2"],
                "a first row holding a URL is not a header")
    }
}
