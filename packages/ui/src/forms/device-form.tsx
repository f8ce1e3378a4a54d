import { zodResolver } from "@hookform/resolvers/zod";
import { type CreateDeviceInput, createDeviceSchema, deviceTypes } from "@revolv/validators";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "../primitives/button";
import { Input } from "../primitives/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "../primitives/select";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "./form";
import { issuesFromError } from "./server-issues";

type DeviceFormValues = z.input<typeof createDeviceSchema>;
const resolveDevice = zodResolver(createDeviceSchema);

const typeLabels: Record<(typeof deviceTypes)[number], string> = {
  rvm: "Reverse vending machine",
  soundbox: "Soundbox",
};

/**
 * Registers a device. Checked in the browser by the same schema the API validates with; what
 * only the server can know (a serial already taken) comes back as `issues` and lands on its field.
 */
export function DeviceForm({
  onSubmit,
  defaultValues,
}: {
  onSubmit: (values: CreateDeviceInput) => Promise<unknown>;
  defaultValues?: Partial<DeviceFormValues>;
}) {
  const form = useForm<DeviceFormValues, unknown, CreateDeviceInput>({
    // An empty optional field means "unknown" (null), which the schema accepts; "" would fail
    // the firmware pattern.
    resolver: (values, context, options) =>
      resolveDevice({ ...values, firmwareVersion: values.firmwareVersion || null }, context, options),
    defaultValues: {
      type: "rvm",
      serialNumber: "",
      name: "",
      site: "",
      firmwareVersion: "",
      tags: [],
      ...defaultValues,
    },
  });

  const submit = form.handleSubmit(async (values) => {
    try {
      await onSubmit(values);
    } catch (error) {
      const issues = issuesFromError(error);
      if (!issues) {
        form.setError("root", {
          message: error instanceof Error ? error.message : "Could not save the device",
        });
        return;
      }
      let focused = false;
      for (const issue of issues) {
        if (issue.field && issue.field in form.getValues()) {
          form.setError(
            issue.field as keyof DeviceFormValues,
            { message: issue.message },
            { shouldFocus: !focused },
          );
          focused = true;
        } else form.setError("root", { message: issue.message });
      }
    }
  });

  const rootError = form.formState.errors.root?.message;
  return (
    <Form {...form}>
      <form onSubmit={submit} noValidate className="grid max-w-md gap-4" aria-label="Register a device">
        <FormField
          control={form.control}
          name="type"
          render={({ field }) => (
            <FormItem>
              <FormLabel>Type</FormLabel>
              <Select value={field.value} onValueChange={field.onChange}>
                <FormControl>
                  <SelectTrigger className="w-full">
                    <SelectValue />
                  </SelectTrigger>
                </FormControl>
                <SelectContent>
                  {deviceTypes.map((type) => (
                    <SelectItem key={type} value={type}>
                      {typeLabels[type]}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
              <FormMessage />
            </FormItem>
          )}
        />
        <FormField
          control={form.control}
          name="serialNumber"
          render={({ field }) => (
            <FormItem>
              <FormLabel>Serial number</FormLabel>
              <FormControl>
                <Input placeholder="RVM-00042" autoComplete="off" {...field} />
              </FormControl>
              <FormDescription>Printed on the device's rating plate.</FormDescription>
              <FormMessage />
            </FormItem>
          )}
        />
        <FormField
          control={form.control}
          name="name"
          render={({ field }) => (
            <FormItem>
              <FormLabel>Name</FormLabel>
              <FormControl>
                <Input placeholder="Lobby RVM" {...field} />
              </FormControl>
              <FormMessage />
            </FormItem>
          )}
        />
        <FormField
          control={form.control}
          name="site"
          render={({ field }) => (
            <FormItem>
              <FormLabel>Site</FormLabel>
              <FormControl>
                <Input placeholder="Building A" {...field} />
              </FormControl>
              <FormMessage />
            </FormItem>
          )}
        />
        <FormField
          control={form.control}
          name="firmwareVersion"
          render={({ field }) => (
            <FormItem>
              <FormLabel>Firmware version (optional)</FormLabel>
              <FormControl>
                <Input placeholder="2.4.1" {...field} value={field.value ?? ""} />
              </FormControl>
              <FormMessage />
            </FormItem>
          )}
        />
        {rootError ? (
          <p role="alert" className="text-sm text-destructive">
            {rootError}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button type="submit" loading={form.formState.isSubmitting}>
            Register device
          </Button>
        </div>
      </form>
    </Form>
  );
}
