// Each test here starts its own server and several real Chromium pages, each page encoding and decoding video.
// xUnit runs test classes side by side by default (as many as there are cores): on the 2-core CI machine two such
// classes at once starved each other, and waits on real conditions (a message shown, a meeting listed) then ran out of
// their time — a different test each run. One class at a time gives each test the machine it was written for.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
