import ArgumentParser
import Configuration
import Hummingbird
import GRDB
@main struct Trendline: AsyncParsableCommand { func run() async throws {} }
