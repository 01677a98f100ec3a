import Testing
@testable import TrendlineAPI

/// The CSV lines of exports.
struct CSVTextTests {
    @Test func fieldsAreQuotedOnlyWhenTheyMustBe() {
        #expect(CSVText.line([.text("plain"), .number(42), .text(nil), .number(nil)]) == "plain,42,,\r\n")
        #expect(CSVText.line([.text("a,b"), .text(#"say "hi""#), .text("two\nlines"), .text("cr\rhere")])
                == "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\"\r\n")
    }

    @Test(arguments: ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"])
    func textASpreadsheetWouldRunIsGuarded(_ text: String) {
        #expect(CSVText.line([.text(text)]).hasPrefix("'"), "\(text)")
    }

    @Test func numbersAndInnerSignsAreLeftAlone() {
        #expect(CSVText.line([.number(-5), .text("a=b"), .text("Spring - launch")]) == "-5,a=b,Spring - launch\r\n")
    }
}
