// Stack hosts run real TTI threads (some pinned): on a 2-core machine two test classes running
// at once starve each other's TTI loops, and a starved protocol test then waits on a peer that
// never gets scheduled. Every class of this assembly runs alone.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
