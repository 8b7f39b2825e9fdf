namespace Confab.Rtc;

/// <summary>Marker type for the Confab.Rtc assembly.</summary>
public static class AssemblyMarker;
