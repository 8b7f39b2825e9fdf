namespace Confab.Meetings;

/// <summary>Marker type for the Confab.Meetings assembly.</summary>
public static class AssemblyMarker;
