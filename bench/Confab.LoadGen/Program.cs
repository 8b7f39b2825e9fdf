using Confab.LoadGen;

return await LoadGenCommands.RunAsync(args).ConfigureAwait(false);
