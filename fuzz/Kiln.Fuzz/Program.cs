using Kiln.Fuzz;

FuzzOptions options;
try
{
    options = FuzzOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(FuzzOptions.Usage);
    return 2;
}
var result = new FuzzRunner(options, Console.Out, options.CreateTarget()).Run();
Console.WriteLine(result.Summary());
// A hung worker thread is a background thread: returning ends the process anyway.
return result.Failures.Count == 0 ? 0 : 1;
